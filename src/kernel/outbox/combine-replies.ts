// How the replies to one command in one room, gathered over a digest window, become one room message
// (or a few, only where WeChat's length limit requires): everyone named once, grouped by outcome.
// Pure; the Redis buffer and the flush are reply-digest.ts.

/**
 * WeChat's documented ceiling for one text message: 2,048 bytes of UTF-8 (WeCom's group-robot API,
 * developer.work.weixin.qq.com/document/path/91770, "文本内容，最长不超过2048个字节"). Personal WeChat
 * accepts more, but a digest is cut at this one published figure.
 */
export const WECHAT_TEXT_MAX_BYTES = 2048;

/** What a reply says, in the form a digest combines: an outcome, named once for everyone who got it. */
export interface ReplyOutcome {
  /** Replies with the same key are listed under one set of names ("soldOut:12"). */
  key: string;
  /** The outcome after the names, without a final stop: 「来晚了，秒杀 #12 已抢光」. */
  zh: string;
  /** The same in English, capitalised, without a final stop: "Sold out". */
  en: string;
  /**
   * Said once after the names, per key: the text of highest `rank` (default 0), the latest among
   * equals. A team's 接龙 list ranks by seat: joins may reach the digest out of seat order.
   */
  note?: { key: string; text: string; rank?: number };
  /** Outcomes are listed by this (default 0; a win before the misses), then in the order they first came. */
  order?: number;
  /** Alone, the reply goes as its text, without "@name " in front (a 接龙 list names everyone itself). */
  plain?: boolean;
}

/** One reply to a member's command in a room, as the digest holds it. */
export interface RoomReply {
  member: { id: number; name: string };
  /** The reply when it goes alone (what a lone command gets, as before the digest). */
  text: string;
  outcome: ReplyOutcome;
}

/**
 * A reply that goes alone: "@name text", as the router always answered in a room.
 *
 * @example aloneText({ member: { id: 1, name: "Alice" }, text: "已抢光了", outcome }) // "@Alice 已抢光了"
 */
export function aloneText(reply: RoomReply): string {
  return reply.outcome.plain ? reply.text : `@${reply.member.name} ${reply.text}`;
}

interface Group {
  order: number;
  zh: string;
  en: string;
  names: string[];
}

/**
 * The room messages for the replies gathered in one window, in order. One reply goes as it would alone.
 * Several: one line naming everyone, grouped by outcome (by `order`, then as the outcomes first came), names in
 * the order they asked (a member once per outcome), then each note (its highest ranked text). A message is cut
 * only where it would pass `maxBytes` of UTF-8, between names; a note is never cut.
 *
 * @example
 * combineReplies([won("a"), won("b"), soldOut("c")])
 * // ["@a @b 抢到了，订单详情已私信；@c 来晚了，秒杀 #12 已抢光。/ Got it, details in your private chat; Sold out."]
 */
export function combineReplies(replies: readonly RoomReply[], maxBytes = WECHAT_TEXT_MAX_BYTES): string[] {
  if (replies.length === 0) return [];
  if (replies.length === 1) return [aloneText(replies[0]!)];

  const groups = new Map<string, Group & { ids: Set<number> }>();
  const notes = new Map<string, { text: string; rank: number }>();
  for (const { member, outcome } of replies) {
    let group = groups.get(outcome.key);
    if (!group) {
      group = { order: outcome.order ?? 0, zh: outcome.zh, en: outcome.en, names: [], ids: new Set() };
      groups.set(outcome.key, group);
    }
    if (!group.ids.has(member.id)) {
      group.ids.add(member.id);
      group.names.push(member.name);
    }
    // A Map keeps the key's first place; the text is the highest ranked, the latest among equals.
    const note = outcome.note;
    const rank = note?.rank ?? 0;
    if (note && rank >= (notes.get(note.key)?.rank ?? Number.NEGATIVE_INFINITY)) notes.set(note.key, { text: note.text, rank });
  }

  const fits = (text: string) => Buffer.byteLength(text, "utf8") <= maxBytes;
  const messages: string[] = [];
  let line: Part[] = [];
  // A stable sort: equal orders keep the order the outcomes first came in.
  for (const group of [...groups.values()].sort((a, b) => a.order - b.order)) {
    for (const name of group.names) {
      const longer = withName(line, group, name);
      if (line.length > 0 && !fits(renderLine(longer))) {
        messages.push(renderLine(line));
        line = withName([], group, name);
      } else {
        line = longer;
      }
    }
  }
  messages.push(renderLine(line));

  for (const { text } of notes.values()) {
    const withNote = `${messages[messages.length - 1]}\n${text}`;
    if (fits(withNote)) messages[messages.length - 1] = withNote;
    else messages.push(text);
  }
  return messages;
}

/** A part of a line: one outcome and the names under it. */
interface Part {
  group: Group;
  names: string[];
}

/** `line` with `name` added under `group` (a new part when the line's last part is another outcome). */
function withName(line: readonly Part[], group: Group, name: string): Part[] {
  const last = line[line.length - 1];
  if (last?.group === group) return [...line.slice(0, -1), { group, names: [...last.names, name] }];
  return [...line, { group, names: [name] }];
}

/** 「@a @b 抢到了…；@c 来晚了…。/ Got it…; Sold out.」: Chinese first, each English outcome once after. */
function renderLine(line: readonly Part[]): string {
  const zh = line.map(({ group, names }) => `${names.map((name) => `@${name}`).join(" ")} ${group.zh}`).join("；");
  const en = [...new Set(line.map(({ group }) => group.en))].join("; ");
  return `${zh}。/ ${en}.`;
}
