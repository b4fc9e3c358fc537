import type { Db } from "../../infra/db/client.js";
import { describeSegmentError, resolveSegment } from "./resolve-segment.js";

export type SaveSegmentOutcome = { kind: "saved"; created: boolean } | { kind: "invalid"; message: string } | { kind: "badName"; message: string };

/** `#人群 保存 名称 <表达式>`: checked like a preview, then stored under the name (replacing an older one). */
export async function saveSegment(db: Db, input: { name: string; expression: string; createdById: number; now: Date }): Promise<SaveSegmentOutcome> {
  const name = input.name.trim();
  if (/[:：()（）<>\s]/.test(name) || /^(且|或|非|and|or|not|all|全部)$/i.test(name)) {
    return { kind: "badName", message: "人群名称不能含冒号、括号、空格或运算符 / bad name" };
  }
  const resolved = await resolveSegment(db, input.expression, { now: input.now });
  if (resolved.kind === "invalid") return { kind: "invalid", message: describeSegmentError(input.expression, resolved.error) };
  // A segment may not refer to itself (it would never end).
  if (new RegExp(`(^|[\\s(（:：])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[\\s)）])`).test(input.expression)) {
    return { kind: "badName", message: "人群不能引用自己 / a segment cannot refer to itself" };
  }
  const existing = await db.segment.findUnique({ where: { name } });
  await db.segment.upsert({
    where: { name },
    create: { name, expression: input.expression, createdById: input.createdById },
    update: { expression: input.expression },
  });
  return { kind: "saved", created: !existing };
}
