// A segment tree → a parameterised SQL condition over `members m`. Every name and number is a bound
// value: the text an operator typed never becomes SQL. resolve-segment.ts turns the parts into Prisma.sql.
import { mentionsOptedOut, type SegmentNode } from "./segment-expression.js";

/** A SQL fragment as template parts: strings.length === values.length + 1 (Prisma.sql's shape). */
export interface SqlParts {
  strings: string[];
  values: unknown[];
}

function fragment(strings: string[], values: unknown[]): SqlParts {
  return { strings, values };
}

function text(sql: string): SqlParts {
  return { strings: [sql], values: [] };
}

/** Joins fragments: the last string of one meets the first of the next. */
function concat(...parts: SqlParts[]): SqlParts {
  const strings: string[] = [""];
  const values: unknown[] = [];
  for (const part of parts) {
    strings[strings.length - 1] += part.strings[0]!;
    for (let i = 0; i < part.values.length; i++) {
      values.push(part.values[i]);
      strings.push(part.strings[i + 1]!);
    }
  }
  return { strings, values };
}

/**
 * How layers are stored, which RFM and tags decide: a member's layer is a tag of `layerCategory` named as
 * the layer (高价值). Passed in (resolve-segment.ts's SEGMENT_VOCABULARY) so these rules import no other feature.
 */
export interface SegmentVocabulary {
  layers: ReadonlyArray<{ key: string; name: string }>;
  layerCategory: string;
}

export interface CompileOptions extends SegmentVocabulary {
  now: Date;
  /** Opted-out members are left out unless the expression names them (已退订) or this is true. */
  includeOptedOut?: boolean;
}

/**
 * Compiles a segment (saved names already expanded by expandSegments, which resolveSegment always runs) to a condition on `m` (members).
 *
 * @example compileSegment(parseSegment("tag:母婴").node, { now, ...SEGMENT_VOCABULARY }) // exists(… t.name = $1 …) and m.opted_out_at is null
 */
export function compileSegment(node: SegmentNode, options: CompileOptions): SqlParts {
  const condition = compileNode(node, options);
  if (options.includeOptedOut || mentionsOptedOut(node)) return condition;
  return concat(text("("), condition, text(") and m.opted_out_at is null"));
}

function compileNode(node: SegmentNode, options: CompileOptions): SqlParts {
  const { now, layers, layerCategory } = options;
  switch (node.kind) {
    case "and":
    case "or":
      return concat(text("("), compileNode(node.left, options), text(` ${node.kind} `), compileNode(node.right, options), text(")"));
    case "not":
      return concat(text("(not "), compileNode(node.operand, options), text(")"));
    case "all":
      return text("true");
    case "optedOut":
      return text("(m.opted_out_at is not null)");
    case "attribute": {
      const column = node.attribute === "joined" ? "m.first_seen_at" : "m.last_seen_at";
      const since = new Date(now.getTime() - node.days * 86_400_000);
      // "joined<30d" = joined less than 30 days ago = joined after (now − 30 d).
      const sqlOp = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" }[node.op];
      return fragment([`(${column} ${sqlOp} `, ")"], [since]);
    }
    case "field":
      switch (node.field) {
        case "layer": {
          const layer = layers.find((l) => l.name === node.value || l.key === node.value.toLowerCase());
          return fragment(
            [
              "exists (select 1 from member_tags mt join tags t on t.id = mt.tag_id where mt.member_id = m.id and t.category = ",
              " and t.name = ",
              ")",
            ],
            [layerCategory, layer?.name ?? node.value],
          );
        }
        case "tag":
          return fragment(
            [
              "exists (select 1 from member_tags mt join tags t on t.id = mt.tag_id where mt.member_id = m.id and t.category <> ",
              " and t.name = ",
              ")",
            ],
            [layerCategory, node.value],
          );
        case "room":
          // Bound to its room id when resolved (a renamed room keeps its audience); by topic otherwise.
          return node.roomId === undefined
            ? fragment(
                [
                  "exists (select 1 from room_members rm join rooms r on r.id = rm.room_id where rm.member_id = m.id and rm.left_at is null and r.topic = ",
                  ")",
                ],
                [node.value],
              )
            : fragment(
                ["exists (select 1 from room_members rm where rm.member_id = m.id and rm.left_at is null and rm.room_id = ", ")"],
                [node.roomId],
              );
        case "segment":
          throw new Error(`saved segment ${node.value} was not expanded before compiling`);
      }
      break;
    case "name":
      throw new Error(`saved segment ${node.value} was not expanded before compiling`);
  }
  throw new Error("unreachable");
}

/** The SQL with $n placeholders, for tests and logs. */
export function renderSql(parts: SqlParts): string {
  return parts.strings.reduce((out, s, i) => out + (i > 0 ? `$${i}` : "") + s, "");
}
