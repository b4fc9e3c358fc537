// Bounded work for an operator's segment expression (issue 8, item 4): nesting depth, expanded size and
// saved-segment depth are limits refused with a message naming them; the parser neither recurses without
// bound nor backtracks, so the worst cases finish in milliseconds.
import { describe, expect, it } from "vitest";
import { LAYERS } from "../../../../src/features/rfm/rules/layers.js";
import { compileSegment, renderSql } from "../../../../src/features/segments/rules/compile-segment.js";
import {
  expandSegments,
  type LeafLookup,
  type NamedLeaf,
  parseSegment,
  SEGMENT_LIMITS,
  type SegmentNode,
} from "../../../../src/features/segments/rules/segment-expression.js";
import { TAG_CATEGORIES } from "../../../../src/features/tags/rules/tag-categories.js";

/** How layers are stored (what resolveSegment passes as SEGMENT_VOCABULARY). */
const vocabulary = { layers: LAYERS, layerCategory: TAG_CATEGORIES.layer };

const now = new Date("2026-11-23T02:00:00Z");

function tree(text: string): SegmentNode {
  const result = parseSegment(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.node;
}

/** Milliseconds `run` takes, and what it returned (a throw is returned as the error, not raised). */
function timed<T>(run: () => T): { ms: number; value: T | Error } {
  const start = performance.now();
  let value: T | Error;
  try {
    value = run();
  } catch (error) {
    value = error as Error;
  }
  return { ms: performance.now() - start, value };
}

/** Saved segments by name; any other name is a checked leaf (as resolveSegment's lookup). */
const lookupIn =
  (saved: Record<string, string>) =>
  (leaf: NamedLeaf): LeafLookup => {
    const name = leaf.kind === "name" || leaf.field === "segment" ? leaf.value : undefined;
    if (name === undefined) return { kind: "leaf", node: leaf };
    if (!(name in saved)) return { kind: "error", error: { position: leaf.position, message: `未知人群「${name}」` } };
    return { kind: "saved", name, node: tree(saved[name]!) };
  };

/** The doubling chain: L1 = tag:x, Lk = L(k-1) 或 L(k-1) (Lk expands to 2^k − 1 nodes). */
function doublingChain(levels: number): Record<string, string> {
  const saved: Record<string, string> = { L1: "tag:x" };
  for (let k = 2; k <= levels; k++) saved[`L${k}`] = `L${k - 1} 或 L${k - 1}`;
  return saved;
}

describe("segment limits", () => {
  it("declares the limits: nesting 20, 200 nodes expanded, saved segments 5 deep", () => {
    expect(SEGMENT_LIMITS).toEqual({ nesting: 20, nodes: 200, savedDepth: 5 });
  });

  it("refuses 3,000 nested parentheses with the nesting limit named, in milliseconds, never a stack overflow", () => {
    const text = `${"(".repeat(3000)}tag:a${")".repeat(3000)}`;
    const { ms, value } = timed(() => parseSegment(text));
    expect(value).toEqual({ ok: false, error: expect.objectContaining({ position: SEGMENT_LIMITS.nesting }) });
    if (!(value instanceof Error) && !value.ok) expect(value.error.message).toMatch(/嵌套.*20.*nest/);
    expect(ms).toBeLessThan(50);
    // Full-width parentheses and 3,000 非 are the same nesting.
    expect(parseSegment(`${"（".repeat(3000)}tag:a${"）".repeat(3000)}`).ok).toBe(false);
    const nots = timed(() => parseSegment(`${"非 ".repeat(3000)}tag:a`));
    expect(nots.value).toMatchObject({ ok: false, error: { message: expect.stringContaining("20") } });
    expect(nots.ms).toBeLessThan(50);
  });

  it("accepts nesting up to the limit and refuses one level more", () => {
    const nested = (depth: number) => `${"(".repeat(depth)}tag:a${")".repeat(depth)}`;
    expect(parseSegment(nested(SEGMENT_LIMITS.nesting)).ok).toBe(true);
    expect(parseSegment(nested(SEGMENT_LIMITS.nesting + 1)).ok).toBe(false);
    expect(parseSegment(`${"not ".repeat(SEGMENT_LIMITS.nesting)}tag:a`).ok).toBe(true);
    expect(parseSegment(`${"not ".repeat(SEGMENT_LIMITS.nesting + 1)}tag:a`).ok).toBe(false);
  });

  it("refuses a typed expression of more than 200 nodes while parsing, in milliseconds", () => {
    // 100 conditions joined by 或: 199 nodes. 101: 201.
    expect(parseSegment(Array.from({ length: 100 }, (_, i) => `tag:t${i}`).join(" 或 ")).ok).toBe(true);
    const { ms, value } = timed(() => parseSegment(Array.from({ length: 5000 }, (_, i) => `tag:t${i}`).join(" or ")));
    expect(value).toMatchObject({ ok: false, error: { message: expect.stringMatching(/200.*nodes/) } });
    expect(ms).toBeLessThan(50);
  });

  it("refuses the doubling chain at saved-segment depth 5 in bounded time, with bounded SQL below it", () => {
    const saved = doublingChain(16);
    const { ms, value } = timed(() => expandSegments(tree("L16"), lookupIn(saved)));
    expect(ms).toBeLessThan(100);
    expect(value).toMatchObject({ ok: false, error: { position: 0, message: expect.stringMatching(/5.*saved segments/) } });
    // L5 is five saved segments deep: accepted, 31 nodes, 16 bound values (tag:x twice each … and layer).
    const five = expandSegments(tree("L5"), lookupIn(saved));
    expect(five.ok).toBe(true);
    if (five.ok) expect(renderSql(compileSegment(five.node, { now, ...vocabulary })).length).toBeLessThan(10_000);
    expect(expandSegments(tree("L6"), lookupIn(saved)).ok).toBe(false);
    // Saving L5 (the name being defined is on the chain) counts L5 itself: its definition may use L4 only.
    expect(expandSegments(tree(saved.L5!), lookupIn(saved), ["L5"]).ok).toBe(true);
    expect(expandSegments(tree(saved.L6!), lookupIn(saved), ["L6"]).ok).toBe(false);
  });

  it("refuses an expression whose saved segments expand past 200 nodes, naming the limit", () => {
    const saved = doublingChain(5);
    // 7 × 31 + 6 = 223 nodes once L5 is expanded, though only 13 are typed.
    const wide = Array.from({ length: 7 }, () => "L5").join(" 或 ");
    const { ms, value } = timed(() => expandSegments(tree(wide), lookupIn(saved)));
    expect(ms).toBeLessThan(50);
    expect(value).toMatchObject({ ok: false, error: { message: expect.stringMatching(/200.*nodes/) } });
    // Six fit: 6 × 31 + 5 = 191.
    expect(expandSegments(tree(Array.from({ length: 6 }, () => "L5").join(" 或 ")), lookupIn(saved)).ok).toBe(true);
  });

  it("lexes long adversarial words in linear time", () => {
    const cases = [
      `非${"x".repeat(100_000)}`,
      `${"非x ".repeat(20_000)}`,
      `a＜${"1".repeat(50_000)}x`,
      `${"a＜1".repeat(20_000)}`,
      `tag:${":".repeat(100_000)}`,
      `tag:'${"'".repeat(50_000)}`,
      `${"!".repeat(50_000)}`,
    ];
    for (const text of cases) {
      const { ms, value } = timed(() => parseSegment(text));
      expect(value).not.toBeInstanceOf(Error);
      expect(ms, text.slice(0, 20)).toBeLessThan(100);
    }
  });
});
