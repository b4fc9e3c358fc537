import type { Room } from "wechaty";
import { syncRoomMembers } from "../../features/community/index.js";
import type { AppContext } from "../../kernel/app-context.js";

/** Registers a room and its current members from what the account sees. */
/** `botWechatId`: the account itself is in every room it is in, but it is not a member of the community. */
export async function syncRoom(app: AppContext, room: Room, botWechatId: string): Promise<void> {
  const members = await room.memberAll();
  await syncRoomMembers(app, {
    wechatRoomId: room.id,
    topic: await room.topic(),
    members: members.filter((contact) => contact.id !== botWechatId).map((contact) => ({ wechatId: contact.id, name: contact.name() })),
    at: app.clock.now(),
  });
}
