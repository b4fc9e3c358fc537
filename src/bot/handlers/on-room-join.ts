import type { Contact, Room, Wechaty } from "wechaty";
import { recordRoomJoin } from "../../features/community/index.js";
import { giveWelcomeCoupon } from "../../features/coupons/index.js";
import type { AppContext } from "../../kernel/app-context.js";
import { fillTemplate } from "../../kernel/text/fill-template.js";
import { isMineToHandle, recordJoinedRoom } from "../fleet-presence.js";
import { syncRoom } from "./sync-room.js";

const speaker = (contact: Contact) => ({ wechatId: contact.id, name: contact.name() });

/** Newcomers are registered (with who invited them) and welcomed in the room, one message per join. */
export function onRoomJoin(app: AppContext, bot: Wechaty) {
  return async (room: Room, invitees: Contact[], inviter?: Contact): Promise<void> => {
    const botId = bot.isLoggedIn ? bot.currentUser.id : undefined;
    if (invitees.some((contact) => contact.id === botId)) {
      // The bot itself was added: learn the room and everyone in it, greet no one.
      await syncRoom(app, room, botId!);
      const row = await app.db.room.findUnique({ where: { wechatRoomId: room.id }, select: { id: true } });
      if (row) await recordJoinedRoom(app, row.id);
      return;
    }
    // Every account in the room sees the join: one of them welcomes.
    const who = invitees
      .map((contact) => contact.id)
      .sort()
      .join(",");
    if (!(await isMineToHandle(app, room.id, { id: `join:${who}`, fingerprint: `join\n${who}` }))) return;
    const joined = await recordRoomJoin(app, {
      room: { wechatRoomId: room.id, topic: await room.topic() },
      invitees: invitees.map(speaker),
      inviter: inviter && inviter.id !== botId ? speaker(inviter) : undefined,
      at: app.clock.now(),
    });
    if (joined.newcomers.length === 0) return;
    const text = fillTemplate(joined.welcomeText ?? app.config.welcomeText, {
      昵称: joined.newcomers.map((n) => n.name).join("、"),
      群名: joined.topic,
    });
    await app.outbox.send({ kind: "welcome", to: { roomId: joined.roomId }, text });
    if (!app.config.coupons.welcomeTemplate) return;
    for (const newcomer of joined.newcomers.filter((n) => n.firstEverJoin)) {
      await giveWelcomeCoupon(app, {
        memberId: newcomer.memberId,
        name: newcomer.name,
        templateName: app.config.coupons.welcomeTemplate,
        timeZone: app.config.timeZone,
        at: app.clock.now(),
      });
    }
  };
}
