import type { Contact, Room, Wechaty } from "wechaty";
import { recordRoomLeave } from "../../features/community/index.js";
import type { AppContext } from "../../kernel/app-context.js";

export function onRoomLeave(app: AppContext, bot: Wechaty) {
  return async (room: Room, leavers: Contact[]): Promise<void> => {
    await recordRoomLeave(app, {
      wechatRoomId: room.id,
      leaverWechatIds: leavers.map((contact) => contact.id),
      botWechatId: bot.isLoggedIn ? bot.currentUser.id : undefined,
      at: app.clock.now(),
    });
  };
}
