import type { AppContext } from "../../kernel/app-context.js";

/** An item's target rooms now: by id (renames do not matter), plus every active room with its room tag. */
export async function calendarRooms(app: AppContext, item: { roomIds: number[]; roomTag: string | null }) {
  return (await calendarRoomsOf(app, [{ ...item, id: 0 }])).get(0)!;
}

/** The target rooms of many items at once (two queries): item id → its active rooms, by id. */
export async function calendarRoomsOf(app: AppContext, items: ReadonlyArray<{ id: number; roomIds: number[]; roomTag: string | null }>) {
  const { db } = app;
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
