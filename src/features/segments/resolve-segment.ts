import type { AppContext } from "../../kernel/app-context.js";
import { Prisma } from "../../kernel/db/client.js";
import { LAYERS } from "../rfm/index.js";
import { TAG_CATEGORIES } from "../tags/index.js";
import { compileSegment, type SegmentVocabulary } from "./rules/compile-segment.js";
import {
  closestName,
  expandSegments,
  type LeafLookup,
  type NamedLeaf,
  type ParseResult,
  parseSegment,
  parseSegmentPrefix,
  type SegmentError,
  type SegmentNode,
} from "./rules/segment-expression.js";
import { segmentTexts } from "./texts.js";

/** Room names of an expression bound to room ids when it was saved or pushed: `{ "VIP群": 12 }`. */
export type RoomBindings = Record<string, number>;

export type ResolvedSegment =
  | {
      kind: "ok";
      node: SegmentNode;
      condition: Prisma.Sql;
      /** prefix mode: where the expression ended */
      end: number;
      /** The room names the expression itself uses, bound to ids: store them with it. */
      rooms: RoomBindings;
    }
  | { kind: "invalid"; error: SegmentError };

/** How layers are stored, for the compiler: a tag of the layer category named as the layer. */
export const SEGMENT_VOCABULARY: SegmentVocabulary = { layers: LAYERS, layerCategory: TAG_CATEGORIES.layer };

/** Reads a stored bindings column (JSON) back; anything malformed binds nothing. */
export function roomBindingsOf(value: Prisma.JsonValue | null | undefined): RoomBindings {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

/**
 * Parses a segment expression and checks every name in it against the database (tags, layers, rooms,
 * saved segments, recursively), with a "did you mean" for near misses; then compiles it to a bound
 * condition. Room names are bound to room ids: by `rooms` (bindings stored when the expression was
 * saved or pushed, so a renamed room still counts), otherwise by the current topic. `as`: the text is
 * the new definition of that saved segment (so a cycle through it is caught before it is saved).
 */
export async function resolveSegment(
  app: AppContext,
  text: string,
  options: { now: Date; includeOptedOut?: boolean; prefix?: boolean; rooms?: RoomBindings; as?: string },
): Promise<ResolvedSegment> {
  const { db } = app;
  const parsed = options.prefix ? parseSegmentPrefix(text) : parseSegment(text);
  if (!parsed.ok) return { kind: "invalid", error: parsed.error };

  const [saved, tags, rooms] = await Promise.all([
    db.segment.findMany({ select: { name: true, expression: true, roomBindings: true } }),
    db.tag.findMany({ where: { category: { not: TAG_CATEGORIES.layer } }, select: { name: true }, distinct: ["name"] }),
    db.room.findMany({ where: { active: true }, select: { id: true, topic: true } }),
  ]);
  const definitions = new Map(saved.map((s) => [s.name, { expression: s.expression, rooms: roomBindingsOf(s.roomBindings) }]));
  if (options.as) definitions.set(options.as, { expression: text, rooms: options.rooms ?? {} });
  const parsedSaved = new Map<string, ParseResult>();
  const known = {
    tag: new Set(tags.map((t) => t.name)),
    layer: new Set<string>(LAYERS.flatMap((l) => [l.name, l.key])),
    segment: new Set(definitions.keys()),
  };
  const roomIds = new Set(rooms.map((r) => r.id));
  const roomByTopic = new Map(rooms.map((r) => [r.topic, r.id]));
  const top = options.as ? [options.as] : [];
  const used: RoomBindings = {};

  const unknown = (leaf: NamedLeaf): LeafLookup => {
    const field = leaf.kind === "name" ? "name" : leaf.field;
    const candidates =
      field === "layer"
        ? LAYERS.map((l) => l.name)
        : field === "room"
          ? [...roomByTopic.keys()]
          : field === "tag"
            ? [...known.tag]
            : [...known.segment];
    // A bare word that is no saved segment may be a tag typed without "标签:".
    const suggestion =
      closestName(leaf.value, candidates) ?? (field === "name" && known.tag.has(leaf.value) ? `标签:${leaf.value}` : undefined);
    return {
      kind: "error",
      error: { position: leaf.position, message: segmentTexts.unknownName(field, leaf.value, suggestion), suggestion },
    };
  };

  const lookup = (leaf: NamedLeaf, within: readonly string[]): LeafLookup => {
    const field = leaf.kind === "name" ? "segment" : leaf.field;
    if (field === "segment") {
      const definition = definitions.get(leaf.value);
      if (!definition) return unknown(leaf);
      const inner = parsedSaved.get(leaf.value) ?? parseSegment(definition.expression);
      parsedSaved.set(leaf.value, inner);
      if (!inner.ok)
        return {
          kind: "error",
          error: { position: leaf.position, message: segmentTexts.savedUnparsable(leaf.value, inner.error.message) },
        };
      return { kind: "saved", name: leaf.value, node: inner.node };
    }
    if (field === "room") {
      const ownText = within.length === top.length;
      const bindings = ownText ? (options.rooms ?? {}) : definitions.get(within[within.length - 1]!)!.rooms;
      const bound = bindings[leaf.value];
      const roomId = bound !== undefined && roomIds.has(bound) ? bound : roomByTopic.get(leaf.value);
      if (roomId === undefined) return unknown(leaf);
      if (ownText) used[leaf.value] = roomId;
      return { kind: "leaf", node: { ...leaf, roomId } as SegmentNode };
    }
    const value = field === "layer" ? leaf.value.toLowerCase() : leaf.value;
    return known[field].has(value) || known[field].has(leaf.value) ? { kind: "leaf", node: leaf } : unknown(leaf);
  };

  const expanded = expandSegments(parsed.node, lookup, top);
  if (!expanded.ok) return { kind: "invalid", error: expanded.error };
  const parts = compileSegment(expanded.node, { now: options.now, includeOptedOut: options.includeOptedOut, ...SEGMENT_VOCABULARY });
  return { kind: "ok", node: expanded.node, condition: Prisma.sql(parts.strings, ...parts.values), end: parsed.end, rooms: used };
}
