// Room look-ups the features that post to rooms share: where a command's announcements go, and which of
// a set of rooms a member is in now.
import type { AppContext } from "../app-context.js";

/**
 * The rooms among `roomIds` (all rooms without it) the member is in now, active ones only, by id.
 *
 * @example await memberRoomsAmong(app, memberId, sale.roomIds) // [3] (a private grab counts from room 3)
 */
export async function memberRoomsAmong(app: AppContext, memberId: number, roomIds?: readonly number[]): Promise<number[]> {
  const rows = await app.db.roomMember.findMany({
    where: { memberId, leftAt: null, ...(roomIds ? { roomId: { in: [...roomIds] } } : {}), room: { active: true } },
    select: { roomId: true },
    orderBy: { roomId: "asc" },
  });
  return rows.map((r) => r.roomId);
}

/**
 * Active rooms for `全部`, or the one room the command came from (none when it came privately).
 *
 * @example await targetRoomIds(app, { allRooms: false, roomId: 3 }) // [3]
 */
export async function targetRoomIds(app: AppContext, input: { allRooms: boolean; roomId?: number }): Promise<number[]> {
  if (input.allRooms)
    return (await app.db.room.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
  return input.roomId === undefined ? [] : [input.roomId];
}
