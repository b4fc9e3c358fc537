import { Prisma, type Db } from "../../infra/db/client.js";
import { closestWord } from "../../domain/commands/suggest.js";
import { LAYERS } from "../../domain/members/layers.js";
import { TAG_CATEGORIES } from "../../domain/members/tag-categories.js";
import { compileSegment } from "../../domain/segments/compile-segment.js";
import {
  expandSegments,
  namesIn,
  parseSegment,
  parseSegmentPrefix,
  type SegmentError,
  type SegmentNode,
} from "../../domain/segments/segment-expression.js";

export type ResolvedSegment =
  | { kind: "ok"; node: SegmentNode; condition: Prisma.Sql; /** prefix mode: where the expression ended */ end: number }
  | { kind: "invalid"; error: SegmentError };

const FIELD_LABEL = { layer: "分层", tag: "标签", room: "群", segment: "人群", name: "人群" } as const;
const FIELD_EN = { layer: "layer", tag: "tag", room: "room", segment: "segment", name: "segment" } as const;

/**
 * Parses a segment expression and checks every name in it against the database (tags, layers, room
 * topics, saved segments), with a "did you mean" for near misses; then compiles it to a bound condition.
 */
export async function resolveSegment(
  db: Db,
  text: string,
  options: { now: Date; includeOptedOut?: boolean; prefix?: boolean },
): Promise<ResolvedSegment> {
  const parsed = options.prefix ? parseSegmentPrefix(text) : parseSegment(text);
  if (!parsed.ok) return { kind: "invalid", error: parsed.error };

  const saved = new Map((await db.segment.findMany({ select: { name: true, expression: true } })).map((s) => [s.name, s.expression]));
  const expandedNames = new Map<string, SegmentNode>();
  const names = namesIn(parsed.node);
  const wanted = { tag: new Set<string>(), room: new Set<string>() };
  for (const n of names) if (n.field === "tag" || n.field === "room") wanted[n.field].add(n.value);

  const [tags, rooms] = await Promise.all([
    db.tag.findMany({ where: { category: { not: TAG_CATEGORIES.layer } }, select: { name: true }, distinct: ["name"] }),
    db.room.findMany({ where: { active: true }, select: { topic: true } }),
  ]);
  const known = {
    tag: new Set(tags.map((t) => t.name)),
    room: new Set(rooms.map((r) => r.topic)),
    layer: new Set<string>(LAYERS.flatMap((l) => [l.name, l.key])),
    segment: new Set(saved.keys()),
  };

  for (const n of names) {
    const field = n.field === "name" ? "segment" : n.field;
    if (field === "segment") {
      const expression = saved.get(n.value);
      if (expression !== undefined) {
        const inner = parseSegment(expression);
        if (!inner.ok) return { kind: "invalid", error: { position: n.position, message: `已保存的人群「${n.value}」无法解析：${inner.error.message}` } };
        expandedNames.set(n.value, inner.node);
        continue;
      }
    } else if (known[field].has(field === "layer" ? n.value.toLowerCase() : n.value) || known[field].has(n.value)) continue;

    const candidates = field === "layer" ? LAYERS.map((l) => l.name) : [...known[field]];
    // A bare word that is no saved segment may be a tag typed without "标签:".
    const suggestion =
      closestWord(n.value, candidates) ?? (n.field === "name" && known.tag.has(n.value) ? `标签:${n.value}` : undefined);
    const label = n.field === "name" ? "人群（或条件）" : FIELD_LABEL[n.field];
    return {
      kind: "invalid",
      error: {
        position: n.position,
        message: `未知${label}「${n.value}」${suggestion ? `，你是不是想写「${suggestion}」？` : ""} / unknown ${FIELD_EN[n.field]} ${n.value}${suggestion ? ` — did you mean ${suggestion}?` : ""}`,
        suggestion,
      },
    };
  }

  const node = expandSegments(parsed.node, (name) => expandedNames.get(name));
  const parts = compileSegment(node, { now: options.now, includeOptedOut: options.includeOptedOut });
  const condition = Prisma.sql(parts.strings, ...parts.values);
  return {
    kind: "ok",
    node,
    condition,
    end: parsed.end,
  };
}

/** For a reply: the message and where in the expression, e.g. "… (第 8 个字)". */
export function describeSegmentError(text: string, error: SegmentError): string {
  const around = text.slice(error.position, error.position + 12);
  return `人群表达式有误（第 ${error.position + 1} 个字${around ? `「${around}」` : ""}）：${error.message}`;
}
