import type { Db } from "../../kernel/db/client.js";

/** An item's target rooms now: by id (renames do not matter), plus every active room with its room tag. */
export async function calendarRooms(db: Db, item: { roomIds: number[]; roomTag: string | null }) {
  return (await calendarRoomsOf(db, [{ ...item, id: 0 }])).get(0)!;
}

/** The target rooms of many items at once (two queries): item id → its active rooms, by id. */
export async function calendarRoomsOf(db: Db, items: ReadonlyArray<{ id: number; roomIds: number[]; roomTag: string | null }>) {
  const tags = [...new Set(items.flatMap((i) => (i.roomTag ? [i.roomTag] : [])))];
  const [rooms, tagged] = await Promise.all([
    db.room.findMany({ where: { active: true }, select: { id: true, topic: true }, orderBy: { id: "asc" } }),
    tags.length ? db.roomTag.findMany({ where: { name: { in: tags } } }) : Promise.resolve([]),
  ]);
  return new Map(
    items.map((item) => {
      const ids = new Set([...item.roomIds, ...tagged.filter((t) => t.name === item.roomTag).map((t) => t.roomId)]);
      return [item.id, rooms.filter((r) => ids.has(r.id))];
    }),
  );
}
