import type { AppContext } from "../../kernel/app-context.js";
import { resolveSegment } from "./resolve-segment.js";
import { segmentTexts } from "./texts.js";

export type SaveSegmentOutcome =
  | { kind: "saved"; created: boolean }
  | { kind: "invalid"; message: string }
  | { kind: "badName"; message: string };

/** `#人群 保存 名称 <表达式>`: checked like a preview, then stored under the name (replacing an older one). */
export async function saveSegment(
  app: AppContext,
  input: { name: string; expression: string; createdById: number; now: Date },
): Promise<SaveSegmentOutcome> {
  const { db } = app;
  const name = input.name.trim();
  if (/[:：()（）<>\s]/.test(name) || /^(且|或|非|and|or|not|all|全部)$/i.test(name)) {
    return { kind: "badName", message: segmentTexts.badName };
  }
  // Resolved as the new definition of `name`: a reference back to it (directly or through other saved
  // segments) is refused as a cycle. Room names are stored bound to room ids, so a rename changes nothing.
  const resolved = await resolveSegment(app, input.expression, { now: input.now, as: name });
  if (resolved.kind === "invalid") return { kind: "invalid", message: segmentTexts.invalidExpression(input.expression, resolved.error) };
  const existing = await db.segment.findUnique({ where: { name } });
  await db.segment.upsert({
    where: { name },
    create: { name, expression: input.expression, roomBindings: resolved.rooms, createdById: input.createdById },
    update: { expression: input.expression, roomBindings: resolved.rooms },
  });
  return { kind: "saved", created: !existing };
}

/** `#人群 列表`: the saved segments by name (the first 50). */
export async function listSegments(app: AppContext) {
  return app.db.segment.findMany({ orderBy: { name: "asc" }, take: 50 });
}
