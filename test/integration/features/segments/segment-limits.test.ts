// Issue 8, item 4 against the real database: an operator's saved-segment chain and a deeply nested
// preview are refused quickly with the limit named, at save time and at preview time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewSegment } from "../../../../src/features/segments/preview-segment.js";
import { resolveSegment } from "../../../../src/features/segments/resolve-segment.js";
import { SEGMENT_LIMITS } from "../../../../src/features/segments/rules/segment-expression.js";
import { saveSegment } from "../../../../src/features/segments/save-segment.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const now = new Date();

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

describe("segment limits over the database", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let operatorId: number;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
    const operator = await app.db.member.create({ data: { wechatId: "op", name: "Op" } });
    operatorId = operator.id;
    const x = await app.db.tag.create({ data: { category: "custom", name: "x" } });
    await app.db.memberTag.create({ data: { memberId: operator.id, tagId: x.id, source: "manual" } });
  });
  afterAll(async () => cleanup?.());

  const save = (name: string, expression: string) => saveSegment(app, { name, expression, createdById: operatorId, now });

  it("saves the doubling chain (人群 保存 Lk L(k-1) 或 L(k-1)) up to five deep and refuses the sixth, naming the limit", async () => {
    expect(await save("L1", "标签:x")).toEqual({ kind: "saved", created: true });
    for (let k = 2; k <= SEGMENT_LIMITS.savedDepth; k++)
      expect(await save(`L${k}`, `L${k - 1} 或 L${k - 1}`)).toMatchObject({ kind: "saved" });
    const sixth = await timed(() => save("L6", "L5 或 L5"));
    expect(sixth.value).toMatchObject({ kind: "invalid", message: expect.stringMatching(/最多 5 层.*at most 5/) });
    expect(await app.db.segment.findUnique({ where: { name: "L6" } })).toBeNull();
    // L5 still previews: 1 member, from SQL of bounded size.
    expect(await previewSegment(app, "L5", now)).toMatchObject({ kind: "preview", count: 1 });
    const five = await resolveSegment(app, "L5", { now });
    expect(five.kind === "ok" && five.condition.sql.length).toBeLessThan(10_000);
  });

  it("refuses a stored chain to L16 (saved before the limits, or by hand) in bounded time, at preview and at push time", async () => {
    await app.db.segment.createMany({
      data: Array.from({ length: 11 }, (_, i) => i + 6).map((k) => ({
        name: `L${k}`,
        expression: `L${k - 1} 或 L${k - 1}`,
        createdById: operatorId,
      })),
    });
    const resolved = await timed(() => resolveSegment(app, "L16", { now, includeOptedOut: true }));
    expect(resolved.value).toMatchObject({ kind: "invalid", error: { position: 0, message: expect.stringContaining("at most 5") } });
    expect(resolved.ms).toBeLessThan(250);
    const preview = await timed(() => previewSegment(app, "标签:x 或 L16", now));
    expect(preview.value).toMatchObject({ kind: "invalid", error: { position: 7 } });
    expect(preview.ms).toBeLessThan(250);
  });

  it("refuses a definition whose saved segments expand past 200 nodes, naming the limit", async () => {
    // Saved as 宽, L4 is the deepest it may use (宽 → L4 → … → L1): 14 × 15 + 13 = 223 nodes expanded.
    const wide = await save("宽", Array.from({ length: 14 }, () => "L4").join(" 或 "));
    expect(wide).toMatchObject({ kind: "invalid", message: expect.stringMatching(/200.*nodes/) });
  });

  it("previews the largest segment allowed in well under a second of PostgreSQL time (no JIT for ~100 subplans)", async () => {
    // 6 × L5 = 191 nodes, 96 conditions. With PostgreSQL's JIT on, this took 13.9 s (4.2 s to compile 64).
    const preview = await timed(() => previewSegment(app, Array.from({ length: 6 }, () => "L5").join(" 或 "), now));
    expect(preview.value).toMatchObject({ kind: "preview", count: 1 });
    expect(preview.ms).toBeLessThan(3000);
  });

  it("answers 3,000 nested parentheses in 人群 预览 with the nesting limit, not a stack overflow", async () => {
    const text = `${"(".repeat(3000)}标签:x${")".repeat(3000)}`;
    const preview = await timed(() => previewSegment(app, text, now));
    expect(preview.value).toMatchObject({ kind: "invalid", error: { message: expect.stringContaining(`${SEGMENT_LIMITS.nesting}`) } });
    expect(preview.ms).toBeLessThan(250);
    expect(await save("深", text)).toMatchObject({ kind: "invalid", message: expect.stringContaining("嵌套") });
  });
});
