// The segment language: a small boolean language over layers, tags, rooms, saved segments and member
// attributes, in Chinese or English. Pure: text → tree, with errors that carry a position.
//
//   分层:高价值 且 标签:母婴 且 非 标签:潜水
//   layer:at_risk and tag:北京 and joined<30d
//   (room:VIP群 or tag:老客) and not 已退订
//
// Precedence: 非/not binds tightest, then 且/and, then 或/or. Parentheses (also full-width) group.
import { closestWord as closest } from "../../../kernel/commands/suggest.js";

export type SegmentField = "layer" | "tag" | "room" | "segment";
export type SegmentAttribute = "joined" | "seen";
export type Comparison = "<" | "<=" | ">" | ">=";

export type SegmentNode =
  /** roomId: a room field bound to its room when resolved, so a rename does not change the audience. */
  | { kind: "field"; field: SegmentField; value: string; position: number; roomId?: number }
  /** A bare word: a saved segment's name. */
  | { kind: "name"; value: string; position: number }
  /** joined<30d: joined less than 30 days ago; seen>14d: not seen for more than 14 days. */
  | { kind: "attribute"; attribute: SegmentAttribute; op: Comparison; days: number; position: number }
  | { kind: "all"; position: number }
  | { kind: "optedOut"; position: number }
  | { kind: "not"; operand: SegmentNode }
  | { kind: "and" | "or"; left: SegmentNode; right: SegmentNode };

export interface SegmentError {
  /** Index into the text (0-based) where the problem starts. */
  position: number;
  message: string;
  /** What was probably meant, when there is a good guess. */
  suggestion?: string;
}

export type ParseResult =
  | { ok: true; node: SegmentNode /** Where the expression ended (prefix mode: the rest is not ours). */; end: number }
  | { ok: false; error: SegmentError };

const FIELDS: Record<string, SegmentField> = {
  分层: "layer",
  层级: "layer",
  layer: "layer",
  标签: "tag",
  tag: "tag",
  群: "room",
  room: "room",
  人群: "segment",
  segment: "segment",
};

const ATTRIBUTES: Record<string, SegmentAttribute> = {
  joined: "joined",
  入群: "joined",
  加入: "joined",
  seen: "seen",
  lastseen: "seen",
  active: "seen",
  活跃: "seen",
  最近活跃: "seen",
};

const UNITS: Record<string, number> = { "": 1, d: 1, 天: 1, w: 7, 周: 7 };
/** Ten years: beyond it a date can no longer be computed, and no member history is that old. */
const MAX_DAYS = 3650;

/**
 * What one expression may cost, so an operator's text cannot exhaust the stack, the heap or the event
 * loop (issue 8): `nesting` levels of parentheses and 非/not (the parser's recursion), `nodes` conditions
 * and operators once saved segments are expanded (the SQL's size: saved segments are inlined, so a chain
 * `Lk = L(k-1) 或 L(k-1)` would double it per level), and `savedDepth` saved segments inside one another.
 * Real segments use a handful of each; these are far above that and far below any harm.
 */
export const SEGMENT_LIMITS = { nesting: 20, nodes: 200, savedDepth: 5 } as const;

/** A word as quoted back in a message: long enough to recognise, never a member's whole text. */
export function snippet(word: string): string {
  return word.length > 40 ? `${word.slice(0, 40)}…` : word;
}

/** A "did you mean" only for words of a name's length: the edit distance is quadratic in the length. */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  return word.length > 32 ? undefined : closest(word, candidates);
}

/** The refusal for a tree past SEGMENT_LIMITS.nodes, at `position`. */
export function tooManyNodes(position: number): SegmentError {
  const limit = SEGMENT_LIMITS.nodes;
  return {
    position,
    message: `人群条件太多：条件和运算符最多 ${limit} 个（已保存的人群按展开后计算）/ segment too large: at most ${limit} nodes (conditions and operators, saved segments expanded)`,
  };
}

const KEYWORDS: Record<string, "and" | "or" | "not" | "all" | "optedOut"> = {
  and: "and",
  且: "and",
  并且: "and",
  or: "or",
  或: "or",
  或者: "or",
  not: "not",
  非: "not",
  "!": "not",
  all: "all",
  全部: "all",
  所有人: "all",
  optedout: "optedOut",
  opted_out: "optedOut",
  已退订: "optedOut",
};

type Token =
  | { type: "lparen" | "rparen"; position: number }
  | { type: "and" | "or" | "not"; position: number; text: string }
  | { type: "atom"; node: SegmentNode; position: number; text: string }
  | { type: "end"; position: number };

const SPACE = /[\s\u2005\u3000]/;
const DELIMITER = /[\s\u2005\u3000()（）]/;
// Linear: the name cannot hold an operator, so there is one way to split a word (no backtracking).
const ATTRIBUTE_FORM = /^([^\s<>=＜＞]+)(<=|>=|<|>|＜|＞)(\d+)(d|天|w|周)?$/i;
/** 非 as an operator: before a parenthesis or a field (非标签:x); sticky, read where the lexer stands. */
const GLUED_NOT = /非\s*(?:\(|（|[^\s:：]+[:：])/y;

/** Reads one token at a time, so prefix mode never looks at (or fails on) text after the expression. */
class Lexer {
  position = 0;
  private peeked: Token | SegmentError | undefined;

  constructor(private readonly text: string) {}

  peek(): Token | SegmentError {
    this.peeked ??= this.read();
    return this.peeked;
  }

  next(): Token | SegmentError {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  /** A one-character token: the position moves past it. */
  private single(token: Token): Token {
    this.position++;
    return token;
  }

  private read(): Token | SegmentError {
    const text = this.text;
    while (this.position < text.length && SPACE.test(text[this.position]!)) this.position++;
    const start = this.position;
    if (start >= text.length) return { type: "end", position: start };
    const char = text[start]!;
    if (char === "(" || char === "（") return this.single({ type: "lparen", position: start });
    if (char === ")" || char === "）") return this.single({ type: "rparen", position: start });
    // Chinese operators need no spaces: 非标签:潜水, 标签:母婴且分层:新用户 is not supported (且 could be a name).
    if (char === "非") {
      GLUED_NOT.lastIndex = start;
      if (GLUED_NOT.test(text)) return this.single({ type: "not", position: start, text: char });
    }
    if (char === "!" && text[start + 1] !== "=") return this.single({ type: "not", position: start, text: char });

    // A word: up to white space or a parenthesis; a field's value may be quoted ('…' or "…").
    let end = start;
    let value: string | undefined;
    while (end < text.length && !DELIMITER.test(text[end]!)) {
      const c = text[end]!;
      if ((c === ":" || c === "：") && value === undefined) {
        const quote = text[end + 1];
        if (quote === "'" || quote === '"' || quote === "“" || quote === "‘") {
          const closing = quote === "“" ? "”" : quote === "‘" ? "’" : quote;
          const close = text.indexOf(closing, end + 2);
          // An unclosed quote takes the rest of the text: it is a (strange) name, never syntax.
          value = close === -1 ? text.slice(end + 2) : text.slice(end + 2, close);
          end = close === -1 ? text.length : close + 1;
          break;
        }
      }
      end++;
    }
    this.position = end;
    const word = text.slice(start, end);
    const keyword = KEYWORDS[word.toLowerCase()];
    if (keyword === "and" || keyword === "or" || keyword === "not") return { type: keyword, position: start, text: word };
    if (keyword === "all") return { type: "atom", node: { kind: "all", position: start }, position: start, text: word };
    if (keyword === "optedOut") return { type: "atom", node: { kind: "optedOut", position: start }, position: start, text: word };

    const colon = word.search(/[:：]/);
    if (colon > 0) {
      const key = word.slice(0, colon);
      const field = FIELDS[key.toLowerCase()];
      if (!field) {
        const suggestion = closestName(key, Object.keys(FIELDS));
        return {
          position: start,
          message: `不认识「${snippet(key)}:」，可用：分层: 标签: 群: 人群: / unknown field ${snippet(key)}`,
          suggestion: suggestion ? `${suggestion}:` : undefined,
        };
      }
      const raw = (value ?? word.slice(colon + 1)).trim();
      if (!raw) return { position: start + colon + 1, message: `「${snippet(key)}:」后面要写名字 / ${snippet(key)}: needs a name` };
      return { type: "atom", node: { kind: "field", field, value: raw, position: start }, position: start, text: word };
    }

    const attribute = ATTRIBUTE_FORM.exec(word);
    if (attribute) {
      const [, name, op, amount, unit] = attribute;
      const which = ATTRIBUTES[name!.toLowerCase()];
      if (!which) {
        const suggestion = closestName(name!, Object.keys(ATTRIBUTES));
        return {
          position: start,
          message: `不认识属性「${snippet(name!)}」，可用：joined(入群) seen/active(活跃) / unknown attribute`,
          suggestion,
        };
      }
      const comparison = (op === "＜" ? "<" : op === "＞" ? ">" : op) as Comparison;
      const days = Number(amount) * UNITS[(unit ?? "").toLowerCase()]!;
      if (!(days >= 1 && days <= MAX_DAYS)) {
        const position = start + name!.length + op!.length;
        return {
          position,
          message: `第 ${position + 1} 个字处的天数要在 1–${MAX_DAYS} 之间（「${snippet(word)}」）/ days must be 1–${MAX_DAYS}`,
        };
      }
      return {
        type: "atom",
        node: { kind: "attribute", attribute: which, op: comparison, days, position: start },
        position: start,
        text: word,
      };
    }
    if (/[<>=＜＞]/.test(word)) {
      return { position: start, message: `「${snippet(word)}」写法不对，例如 joined<30d、活跃<7天 / expected e.g. joined<30d` };
    }
    return { type: "atom", node: { kind: "name", value: word, position: start }, position: start, text: word };
  }
}

function isError(token: Token | SegmentError): token is SegmentError {
  return "message" in token;
}

/**
 * Parses a whole segment expression.
 *
 * @example parseSegment("分层:高价值 且 非 标签:潜水") // { ok: true, node: { kind: "and", … } }
 */
export function parseSegment(text: string): ParseResult {
  const result = parseSegmentPrefix(text);
  if (!result.ok) return result;
  if (text.slice(result.end).trim() !== "") {
    const position = result.end + (text.slice(result.end).length - text.slice(result.end).trimStart().length);
    return {
      ok: false,
      error: {
        position,
        message: `第 ${position + 1} 个字起多了「${text.slice(position, position + 10)}」：条件之间要用 且/或 连接 / expected and/or`,
      },
    };
  }
  return result;
}

/**
 * Parses the longest segment expression at the start of `text` (a push's audience before its content):
 * the expression ends after an operand that no 且/或/and/or follows.
 */
export function parseSegmentPrefix(text: string): ParseResult {
  const lexer = new Lexer(text);
  let failure: SegmentError | undefined;
  let end = 0;

  const fail = (error: SegmentError): undefined => {
    failure ??= error;
    return undefined;
  };

  const describe = (token: Token): string =>
    token.type === "end"
      ? "结尾"
      : token.type === "lparen"
        ? "("
        : token.type === "rparen"
          ? ")"
          : `「${"text" in token ? token.text : ""}」`;

  // Bounded as it is read: the recursion stops at SEGMENT_LIMITS.nesting (before it could blow the stack)
  // and the tree at SEGMENT_LIMITS.nodes, so everything after parsing walks at most that much.
  let depth = 0;
  let nodes = 0;
  const enter = (position: number): boolean => {
    if (depth < SEGMENT_LIMITS.nesting) return ++depth > 0;
    const limit = SEGMENT_LIMITS.nesting;
    fail({
      position,
      message: `第 ${position + 1} 个字处嵌套太深：括号和「非」最多嵌套 ${limit} 层 / nesting too deep: at most ${limit} levels of parentheses and not`,
    });
    return false;
  };
  /** Counts a node made at `position`; undefined (and the failure recorded) past the limit. */
  const made = <T extends SegmentNode>(node: T, position: number): T | undefined =>
    ++nodes > SEGMENT_LIMITS.nodes ? fail(tooManyNodes(position)) : node;

  function parseOr(): SegmentNode | undefined {
    let left = parseAnd();
    while (left) {
      const token = lexer.peek();
      if (isError(token) || token.type !== "or") return left;
      lexer.next();
      const right = parseAnd();
      if (!right) return undefined;
      left = made({ kind: "or", left, right }, token.position);
    }
    return left;
  }

  function parseAnd(): SegmentNode | undefined {
    let left = parseNot();
    while (left) {
      const token = lexer.peek();
      if (isError(token) || token.type !== "and") return left;
      lexer.next();
      const right = parseNot();
      if (!right) return undefined;
      left = made({ kind: "and", left, right }, token.position);
    }
    return left;
  }

  function parseNot(): SegmentNode | undefined {
    const token = lexer.peek();
    if (!isError(token) && token.type === "not") {
      lexer.next();
      if (!enter(token.position)) return undefined;
      const operand = parseNot();
      depth--;
      return operand && made({ kind: "not", operand }, token.position);
    }
    return parsePrimary();
  }

  function parsePrimary(): SegmentNode | undefined {
    const token = lexer.next();
    if (isError(token)) return fail(token);
    if (token.type === "atom") {
      end = lexer.position;
      return made(token.node, token.position);
    }
    if (token.type === "lparen") {
      if (!enter(token.position)) return undefined;
      const inner = parseOr();
      depth--;
      if (!inner) return undefined;
      const close = lexer.next();
      if (isError(close)) return fail(close);
      if (close.type !== "rparen")
        return fail({ position: close.position, message: `第 ${close.position + 1} 个字处缺少「)」/ missing )`, suggestion: ")" });
      end = lexer.position;
      return inner;
    }
    return fail({
      position: token.position,
      message:
        token.type === "end"
          ? `表达式不完整：第 ${token.position + 1} 个字处缺少条件，例如 标签:母婴 / incomplete expression`
          : `第 ${token.position + 1} 个字处的 ${describe(token)} 前面缺少条件 / expected a condition before ${describe(token)}`,
    });
  }

  const node = parseOr();
  if (!node) return { ok: false, error: failure ?? { position: 0, message: "表达式不完整 / incomplete expression" } };
  return { ok: true, node, end };
}

/** True when the expression asks about opted-out members itself (then they are not excluded). */
export function mentionsOptedOut(node: SegmentNode): boolean {
  if (node.kind === "optedOut") return true;
  if (node.kind === "not") return mentionsOptedOut(node.operand);
  if (node.kind === "and" || node.kind === "or") return mentionsOptedOut(node.left) || mentionsOptedOut(node.right);
  return false;
}

/** A leaf that names something: a field (layer, tag, room, saved segment) or a bare saved-segment name. */
export type NamedLeaf = Extract<SegmentNode, { kind: "field" | "name" }>;

/** What a name stands for: the leaf itself (checked, maybe bound), a saved segment's tree, or a mistake. */
export type LeafLookup =
  | { kind: "leaf"; node: SegmentNode }
  | { kind: "saved"; name: string; node: SegmentNode }
  | { kind: "error"; error: SegmentError };

export type Expansion = { ok: true; node: SegmentNode } | { ok: false; error: SegmentError };

/** Where a tree starts in the text: its first leaf's position. */
function positionOf(node: SegmentNode): number {
  for (let at: SegmentNode = node; ; ) {
    if (at.kind === "not") at = at.operand;
    else if (at.kind === "and" || at.kind === "or") at = at.left;
    else return (at as Extract<SegmentNode, { position: number }>).position;
  }
}

/**
 * Replaces saved-segment references by their trees, recursively (a saved segment may use others).
 * `lookup` is told which saved segments the leaf sits in (outermost first). A reference back to a
 * segment being expanded is a cycle; that, any unresolvable name, and a tree past SEGMENT_LIMITS
 * (saved segments more than `savedDepth` inside one another, more than `nodes` nodes once expanded)
 * is an error value, never a throw. The expansion stops as soon as a limit is passed, so a chain that
 * doubles per level costs at most the limit, not 2^depth.
 *
 * @example expandSegments(parseSegment("宝妈").node, lookup) // { ok: true, node: tag:母婴 and … }
 */
export function expandSegments(
  node: SegmentNode,
  lookup: (leaf: NamedLeaf, within: readonly string[]) => LeafLookup,
  within: readonly string[] = [],
): Expansion {
  const outer = within.length;
  let nodes = 0;
  /** Counts one node of the result; past the limit, the refusal (placed by the caller). */
  const made = (node: SegmentNode): Expansion & { limit?: boolean } =>
    ++nodes > SEGMENT_LIMITS.nodes ? { ok: false, limit: true, error: tooManyNodes(positionOf(node)) } : { ok: true, node };
  // A cycle's message names the whole chain already; other mistakes name each saved segment on the way.
  // A limit is nobody's mistake inside: it is shown, unchanged, where the typed expression names it.
  const expand = (node: SegmentNode, within: readonly string[]): Expansion & { cycle?: boolean; limit?: boolean } => {
    switch (node.kind) {
      case "field":
      case "name": {
        const found = lookup(node, within);
        if (found.kind === "error") return { ok: false, error: found.error };
        if (found.kind === "leaf") return made(found.node);
        if (within.includes(found.name)) {
          const chain = [...within.slice(within.indexOf(found.name)), found.name].join(" → ");
          return {
            ok: false,
            cycle: true,
            error: {
              position: node.position,
              message: `人群「${found.name}」引用了自己（${chain}）/ segment ${found.name} refers to itself`,
            },
          };
        }
        if (within.length >= SEGMENT_LIMITS.savedDepth) {
          const limit = SEGMENT_LIMITS.savedDepth;
          const chain = [...within, found.name].join(" → ");
          return {
            ok: false,
            limit: true,
            error: {
              position: node.position,
              message: `已保存的人群套得太深（${chain}）：已保存的人群最多 ${limit} 层 / saved segments nested too deep: at most ${limit} saved segments inside one another`,
            },
          };
        }
        const inner = expand(found.node, [...within, found.name]);
        if (inner.ok || (inner.cycle && within.length > outer)) return inner;
        if (inner.limit) return within.length > outer ? inner : { ...inner, error: { ...inner.error, position: node.position } };
        // A mistake inside a saved segment is shown where the typed expression names it.
        return {
          ok: false,
          cycle: inner.cycle,
          error: {
            position: node.position,
            message: `已保存的人群「${found.name}」有误：${inner.error.message}`,
            suggestion: inner.error.suggestion,
          },
        };
      }
      case "not": {
        const operand = expand(node.operand, within);
        return operand.ok ? made({ kind: "not", operand: operand.node }) : operand;
      }
      case "and":
      case "or": {
        const left = expand(node.left, within);
        if (!left.ok) return left;
        const right = expand(node.right, within);
        return right.ok ? made({ kind: node.kind, left: left.node, right: right.node }) : right;
      }
      default:
        return made(node);
    }
  };
  const result = expand(node, within);
  return result.ok ? { ok: true, node: result.node } : { ok: false, error: result.error };
}
