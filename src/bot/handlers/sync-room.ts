import type { Room } from "wechaty";
import { syncRoomMembers } from "../../features/community/index.js";
import type { AppContext } from "../../kernel/app-context.js";
import { fleetWechatIds } from "../../kernel/fleet/fleet-registry.js";

/**
 * Registers a room and its current members from what the account sees. `botWechatId`: the account itself is in every room it is in, but it is not a member of the community;
 * nor are the fleet's other accounts in the room.
 */
export async function syncRoom(app: AppContext, room: Room, botWechatId: string, retried = false): Promise<void> {
  try {
    await syncOnce(app, room, botWechatId);
  } catch (error) {
    // Another of our accounts logged in meanwhile and removed its member row (forgetBotMember): its id is
    // now a fleet id, so the second pass leaves it out.
    if (retried || (error as { code?: string }).code !== "P2003") throw error;
    await syncRoom(app, room, botWechatId, true);
  }
}

async function syncOnce(app: AppContext, room: Room, botWechatId: string): Promise<void> {
  const fleet = await fleetWechatIds(app.db);
  const members = (await room.memberAll()).filter((contact) => !fleet.has(contact.id));
  await syncRoomMembers(app, {
    wechatRoomId: room.id,
    topic: await room.topic(),
    members: members.filter((contact) => contact.id !== botWechatId).map((contact) => ({ wechatId: contact.id, name: contact.name() })),
    at: app.clock.now(),
  });
  // An account that logged in while this sync ran was read as a member: it is not one.
  const fleetNow = [...(await fleetWechatIds(app.db))].filter((id) => !fleet.has(id));
  if (fleetNow.length > 0) await app.db.member.deleteMany({ where: { wechatId: { in: fleetNow } } });
}
