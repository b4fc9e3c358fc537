import { describe, expect, it } from "vitest";
import { LAYERS } from "../../../../src/features/rfm/rules/layers.js";
import { compileSegment, renderSql } from "../../../../src/features/segments/rules/compile-segment.js";
import {
  expandSegments,
  type LeafLookup,
  type NamedLeaf,
  parseSegment,
  parseSegmentPrefix,
  type SegmentNode,
} from "../../../../src/features/segments/rules/segment-expression.js";
import { TAG_CATEGORIES } from "../../../../src/features/tags/rules/tag-categories.js";

/** How layers are stored (what resolveSegment passes as SEGMENT_VOCABULARY). */
const vocabulary = { layers: LAYERS, layerCategory: TAG_CATEGORIES.layer };

function tree(text: string): SegmentNode {
  const result = parseSegment(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.node;
}

// A compact rendering of a tree, for readable expectations.
function show(node: SegmentNode): string {
  switch (node.kind) {
    case "field":
      return `${node.field}:${node.value}`;
    case "name":
      return `@${node.value}`;
    case "attribute":
      return `${node.attribute}${node.op}${node.days}`;
    case "all":
      return "ALL";
    case "optedOut":
      return "OPTED_OUT";
    case "not":
      return `!${show(node.operand)}`;
    default:
      return `(${show(node.left)} ${node.kind} ${show(node.right)})`;
  }
}

const now = new Date("2026-11-23T02:00:00Z");

describe("segment expressions", () => {
  it("reads the issue's Chinese example: 分层 且 标签 且 非 标签", () => {
    expect(show(tree("分层:高价值 且 标签:母婴 且 非 标签:潜水"))).toBe("((layer:高价值 and tag:母婴) and !tag:潜水)");
  });

  it("reads the English example with an attribute", () => {
    expect(show(tree("layer:at_risk and tag:北京 and joined<30d"))).toBe("((layer:at_risk and tag:北京) and joined<30)");
  });

  it("reads or, in both languages", () => {
    expect(show(tree("room:VIP群 or tag:老客"))).toBe("(room:VIP群 or tag:老客)");
    expect(show(tree("群:VIP群 或 标签:老客"))).toBe("(room:VIP群 or tag:老客)");
    expect(show(tree("群:VIP群 或者 标签:老客"))).toBe("(room:VIP群 or tag:老客)");
  });

  it("reads not in both languages, also glued to the condition (非标签:x)", () => {
    expect(show(tree("not tag:潜水"))).toBe("!tag:潜水");
    expect(show(tree("NOT tag:潜水"))).toBe("!tag:潜水");
    expect(show(tree("非 标签:潜水"))).toBe("!tag:潜水");
    expect(show(tree("非标签:潜水"))).toBe("!tag:潜水");
    expect(show(tree("非 非 标签:潜水"))).toBe("!!tag:潜水");
  });

  it("reads and in both languages, case-insensitively", () => {
    expect(show(tree("tag:a AND tag:b"))).toBe("(tag:a and tag:b)");
    expect(show(tree("标签:a 且 标签:b"))).toBe("(tag:a and tag:b)");
    expect(show(tree("标签:a 并且 标签:b"))).toBe("(tag:a and tag:b)");
  });

  it("binds 非 tighter than 且, and 且 tighter than 或; parentheses (also full-width) group", () => {
    expect(show(tree("tag:a or tag:b and not tag:c"))).toBe("(tag:a or (tag:b and !tag:c))");
    expect(show(tree("(tag:a or tag:b) and tag:c"))).toBe("((tag:a or tag:b) and tag:c)");
    expect(show(tree("（标签:a 或 标签:b）且 标签:c"))).toBe("((tag:a or tag:b) and tag:c)");
    expect(show(tree("not (tag:a or tag:b)"))).toBe("!(tag:a or tag:b)");
  });

  it("reads attributes in Chinese and English with units", () => {
    expect(show(tree("入群<30天"))).toBe("joined<30");
    expect(show(tree("活跃<=2周"))).toBe("seen<=14");
    expect(show(tree("seen>14d"))).toBe("seen>14");
    expect(show(tree("active<7d"))).toBe("seen<7");
  });

  it("reads full-width colons, quoted names with spaces, saved names, all and 已退订", () => {
    expect(show(tree("标签：母婴"))).toBe("tag:母婴");
    expect(show(tree("tag:'双 十一' and 高价值妈妈"))).toBe("(tag:双 十一 and @高价值妈妈)");
    expect(show(tree("全部 and not 已退订"))).toBe("(ALL and !OPTED_OUT)");
    expect(show(tree("人群:高价值妈妈"))).toBe("segment:高价值妈妈");
  });

  it("reports a missing operand with its position", () => {
    const result = parseSegment("tag:a and");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.position).toBe(9);
      expect(result.error.message).toContain("不完整");
    }
  });

  it("reports a missing ) with its position and the fix", () => {
    const result = parseSegment("(tag:a or tag:b");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.position).toBe(15);
      expect(result.error.suggestion).toBe(")");
    }
  });

  it("reports two conditions without 且/或 between them", () => {
    const result = parseSegment("tag:a tag:b");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.position).toBe(6);
      expect(result.error.message).toContain("且/或");
    }
  });

  it("suggests the field meant by a misspelt one", () => {
    const result = parseSegment("tga:母婴");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.position).toBe(0);
      expect(result.error.suggestion).toBe("tag:");
    }
  });

  it("suggests the attribute meant, and rejects a bad comparison", () => {
    const bad = parseSegment("tag:a and joind<30d");
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.position).toBe(10);
      expect(bad.error.suggestion).toBe("joined");
    }
    const worse = parseSegment("joined=30d");
    expect(worse.ok).toBe(false);
  });

  it("bounds an attribute's days to 1–3650, with the position of the number", () => {
    const huge = parseSegment("tag:a and 活跃<99999999999天");
    expect(huge).toEqual({ ok: false, error: { position: 13, message: expect.stringContaining("天数要在 1–3650 之间") } });
    expect(parseSegment("joined<0d").ok).toBe(false);
    expect(parseSegment("joined<522w").ok).toBe(false);
    expect(show(tree("joined<3650d"))).toBe("joined<3650");
  });

  it("reports an operator where a condition should be", () => {
    const result = parseSegment("and tag:a");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.position).toBe(0);
  });

  it("treats tag:'; drop table as a name, never as syntax", () => {
    const node = tree("tag:'; drop table");
    expect(node).toMatchObject({ kind: "field", field: "tag", value: "; drop table" });
    const sql = compileSegment(node, { now, ...vocabulary });
    expect(sql.values).toContain("; drop table");
    expect(renderSql(sql)).not.toContain("drop table");
  });

  it("compiles to SQL whose every name and date is a bound value", () => {
    const sql = compileSegment(tree("分层:高价值 且 标签:母婴 且 非 标签:潜水 且 joined<30d"), { now, ...vocabulary });
    const rendered = renderSql(sql);
    expect(rendered).not.toMatch(/高价值|母婴|潜水/);
    expect(sql.values).toEqual(["layer", "高价值", "layer", "母婴", "layer", "潜水", new Date(now.getTime() - 30 * 86_400_000)]);
    expect(rendered).toContain("m.first_seen_at > $7");
    expect(rendered).toContain("m.opted_out_at is null");
    expect(sql.strings.length).toBe(sql.values.length + 1);
  });

  it("maps an English layer key to the stored Chinese name", () => {
    expect(compileSegment(tree("layer:at_risk"), { now, ...vocabulary }).values).toContain("流失风险");
  });

  it("does not exclude opted-out members when the expression asks about them", () => {
    expect(renderSql(compileSegment(tree("已退订"), { now, ...vocabulary }))).not.toContain("opted_out_at is null");
    expect(renderSql(compileSegment(tree("tag:a"), { now, includeOptedOut: true, ...vocabulary }))).not.toContain("opted_out_at is null");
  });

  it("in prefix mode, stops where the push's content begins", () => {
    const text = "分层:高价值 且 标签:母婴 双十一来了 {昵称}";
    const result = parseSegmentPrefix(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(text.slice(result.end).trim()).toBe("双十一来了 {昵称}");
    const glued = parseSegmentPrefix("标签:母婴 非常好的活动");
    expect(glued.ok && glued.end).toBe(5);
  });

  describe("saved segments inside saved segments", () => {
    /** Saved segments by name; any other name is a checked leaf. */
    const lookupIn =
      (saved: Record<string, string>) =>
      (leaf: NamedLeaf): LeafLookup => {
        const name = leaf.kind === "name" || leaf.field === "segment" ? leaf.value : undefined;
        if (name === undefined) return { kind: "leaf", node: leaf };
        if (!(name in saved)) return { kind: "error", error: { position: leaf.position, message: `未知人群「${name}」` } };
        return { kind: "saved", name, node: tree(saved[name]!) };
      };

    it("expands them recursively, to any depth", () => {
      const saved = { 宝妈: "标签:母婴 且 非 标签:潜水", 北京宝妈: "宝妈 且 标签:北京", 活跃北京宝妈: "人群:北京宝妈 且 活跃<7天" };
      const expanded = expandSegments(tree("活跃北京宝妈 或 tag:老客"), lookupIn(saved));
      expect(expanded.ok && show(expanded.node)).toBe("((((tag:母婴 and !tag:潜水) and tag:北京) and seen<7) or tag:老客)");
      // Compiles: no saved name is left for the compiler to trip over.
      if (expanded.ok) expect(renderSql(compileSegment(expanded.node, { now, ...vocabulary }))).toContain("exists");
    });

    it("reports a cycle as an error value at the typed name, never a throw", () => {
      const saved = { A: "B 且 tag:x", B: "tag:y 或 人群:A" };
      const result = expandSegments(tree("tag:z and A"), lookupIn(saved));
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ position: 10 }) });
      if (!result.ok) expect(result.error.message).toContain("A → B → A");
      // The segment being defined is part of the chain: A = "A 或 tag:x" refers to itself.
      const self = expandSegments(tree("A or tag:x"), lookupIn({ A: "A or tag:x" }), ["A"]);
      expect(self.ok).toBe(false);
      if (!self.ok) expect(self.error).toMatchObject({ position: 0, message: expect.stringContaining("A → A") });
    });

    it("reports an unknown name deep inside at the typed name", () => {
      const result = expandSegments(tree("tag:z or 北京宝妈"), lookupIn({ 北京宝妈: "宝妈 且 标签:北京" }));
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ position: 9, message: "已保存的人群「北京宝妈」有误：未知人群「宝妈」" }),
      });
    });
  });
});
