import type { AppContext } from "../../kernel/app-context.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";

export type TagRoomOutcome = { kind: "tagged"; topic: string; tags: string[] } | NotFound;

/** `群标签 北京1群 +北京 -旧`: room tags, which pushes (群标签:北京) and calendar items target. */
export async function tagRoom(
  app: AppContext,
  input: { roomId?: number; topic?: string; add: string[]; remove: string[] },
): Promise<TagRoomOutcome> {
  const { db } = app;
  const room = input.roomId
    ? await db.room.findUnique({ where: { id: input.roomId } })
    : await db.room.findFirst({ where: { topic: input.topic, active: true } });
  if (!room) return notFound;
  if (input.add.length) await db.roomTag.createMany({ data: input.add.map((name) => ({ roomId: room.id, name })), skipDuplicates: true });
  if (input.remove.length) await db.roomTag.deleteMany({ where: { roomId: room.id, name: { in: input.remove } } });
  const tags = await db.roomTag.findMany({ where: { roomId: room.id }, orderBy: { name: "asc" } });
  return { kind: "tagged", topic: room.topic, tags: tags.map((t) => t.name) };
}
