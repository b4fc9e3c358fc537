import type { Contact, Wechaty } from "wechaty";
import { forgetBotMember } from "../../features/community/index.js";
import type { AppContext } from "../../kernel/app-context.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { markOffline, markOnline, recordWhatTheAccountSees } from "../fleet-presence.js";
import { syncRoom } from "./sync-room.js";

/** Where the moment of an unexpected logout is kept, so the next login can tell the owner. */
export const logoutMarkerKey = (app: AppContext) => app.key("bot", app.config.account, "logged-out-at");

/**
 * Logged in: learn the rooms and their members (in the background: 1,000 rooms take a while), and if
 * the account had been logged out, tell the owner privately when it was down.
 */
export function onLogin(app: AppContext, bot: Wechaty, events: { onReady(): void; onSynced(): void }) {
  return async (user: Contact): Promise<void> => {
    app.logger.info({ user: user.id, name: user.name() }, "logged in");
    // Registered as one of the fleet first, so another account's room sync leaves it out from now on.
    await markOnline(app, user.id);
    await forgetBotMember(app, user.id);
    events.onReady();
    const loggedOutAt = await app.redis.getdel(logoutMarkerKey(app));
    if (loggedOutAt) {
      const owner = await app.db.member.upsert({
        where: { wechatId: app.config.ownerWechatId },
        create: { wechatId: app.config.ownerWechatId, name: app.config.ownerWechatId },
        update: {},
      });
      const zone = app.config.timeZone;
      await app.outbox.send({
        kind: "alert",
        to: { memberId: owner.id },
        text: `机器人曾于 ${formatLocal(new Date(Number(loggedOutAt)), zone)} 掉线，已于 ${formatLocal(app.clock.now(), zone)} 恢复在线。掉线期间的消息可能没有处理。`,
      });
    }
    const rooms = await bot.Room.findAll();
    for (const room of rooms) {
      try {
        await syncRoom(app, room, user.id);
      } catch (error) {
        app.logger.warn({ err: error, room: room.id }, "room sync failed");
      }
    }
    try {
      await recordWhatTheAccountSees(
        app,
        bot,
        rooms.map((room) => room.id),
      );
    } catch (error) {
      app.logger.warn({ err: error }, "fleet sync failed");
    }
    app.logger.info({ rooms: rooms.length }, "rooms synced");
    events.onSynced();
  };
}

/** Logged out: the outbox pauses; unless we are stopping on purpose, the next login tells the owner. */
export function onLogout(app: AppContext, events: { stopping(): boolean; onLoggedOut(): void }) {
  return async (user: Contact, reason?: string): Promise<void> => {
    events.onLoggedOut();
    if (events.stopping()) return;
    app.logger.warn({ user: user.id, reason }, "logged out");
    // The fleet's failover moves its rooms and queued deliveries to accounts still online.
    await markOffline(app);
    await app.redis.set(logoutMarkerKey(app), String(app.clock.now().getTime()), "NX");
  };
}
