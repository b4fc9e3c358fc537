import type { Db } from "../../kernel/db/client.js";
import { describeSegmentError, resolveSegment } from "./resolve-segment.js";

export type SaveSegmentOutcome = { kind: "saved"; created: boolean } | { kind: "invalid"; message: string } | { kind: "badName"; message: string };

/** `#人群 保存 名称 <表达式>`: checked like a preview, then stored under the name (replacing an older one). */
export async function saveSegment(db: Db, input: { name: string; expression: string; createdById: number; now: Date }): Promise<SaveSegmentOutcome> {
  const name = input.name.trim();
  if (/[:：()（）<>\s]/.test(name) || /^(且|或|非|and|or|not|all|全部)$/i.test(name)) {
    return { kind: "badName", message: "人群名称不能含冒号、括号、空格或运算符 / bad name" };
  }
  // Resolved as the new definition of `name`: a reference back to it (directly or through other saved
  // segments) is refused as a cycle. Room names are stored bound to room ids, so a rename changes nothing.
  const resolved = await resolveSegment(db, input.expression, { now: input.now, as: name });
  if (resolved.kind === "invalid") return { kind: "invalid", message: describeSegmentError(input.expression, resolved.error) };
  const existing = await db.segment.findUnique({ where: { name } });
  await db.segment.upsert({
    where: { name },
    create: { name, expression: input.expression, roomBindings: resolved.rooms, createdById: input.createdById },
    update: { expression: input.expression, roomBindings: resolved.rooms },
  });
  return { kind: "saved", created: !existing };
}
