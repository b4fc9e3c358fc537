import type { Db } from "../../infra/db/client.js";

/** An item's target rooms now: by id (renames do not matter), plus every active room with its room tag. */
export async function calendarRooms(db: Db, item: { roomIds: number[]; roomTag: string | null }) {
  const tagged = item.roomTag ? (await db.roomTag.findMany({ where: { name: item.roomTag } })).map((t) => t.roomId) : [];
  return db.room.findMany({ where: { id: { in: [...new Set([...item.roomIds, ...tagged])] }, active: true }, orderBy: { id: "asc" } });
}
