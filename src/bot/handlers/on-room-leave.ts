import type { Contact, Room, Wechaty } from "wechaty";
import { recordRoomLeave } from "../../features/community/index.js";
import type { AppContext } from "../../kernel/app-context.js";
import { recordRoomAbsence } from "../../kernel/fleet/fleet-registry.js";

export function onRoomLeave(app: AppContext, bot: Wechaty) {
  return async (room: Room, leavers: Contact[]): Promise<void> => {
    const botWechatId = bot.isLoggedIn ? bot.currentUser.id : undefined;
    let botGone = botWechatId !== undefined && leavers.some((contact) => contact.id === botWechatId);
    if (botGone) {
      // The room stays reachable while another of our accounts is in it (a standby becomes primary).
      const row = await app.db.room.findUnique({ where: { wechatRoomId: room.id }, select: { id: true } });
      if (row && (await recordRoomAbsence(app.db, app.config.account, row.id)) > 0) botGone = false;
    }
    await recordRoomLeave(app, {
      wechatRoomId: room.id,
      leaverWechatIds: leavers.map((contact) => contact.id),
      botWechatId: botGone ? botWechatId : undefined,
      at: app.clock.now(),
    });
  };
}
