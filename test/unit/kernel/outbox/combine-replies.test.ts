// The reply digest's wording: replies gathered in a window become one room message naming everyone,
// grouped by outcome, cut only at WeChat's length limit.
import { describe, expect, it } from "vitest";
import { combineReplies, type ReplyOutcome, type RoomReply, WECHAT_TEXT_MAX_BYTES } from "../../../../src/kernel/outbox/combine-replies.js";

const WON: ReplyOutcome = { key: "won", zh: "抢到了，订单详情已私信", en: "Got it, details in your private chat", order: -1 };
const SOLD_OUT: ReplyOutcome = { key: "soldOut:12", zh: "来晚了，秒杀 #12 已抢光", en: "Sold out" };
const ENDED: ReplyOutcome = { key: "ended:12", zh: "秒杀 #12 已经结束了", en: "Ended" };

let nextId = 1;
const ids = new Map<string, number>();
function reply(name: string, outcome: ReplyOutcome, text = `${outcome.zh}（单独）`): RoomReply {
  if (!ids.has(name)) ids.set(name, nextId++);
  return { member: { id: ids.get(name)!, name }, text, outcome };
}
const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("combineReplies", () => {
  it("sends nothing for no replies, and one reply as it goes alone", () => {
    expect(combineReplies([])).toEqual([]);
    expect(combineReplies([reply("alice", SOLD_OUT, "秒杀 #12已抢光了，下次早点来～ / Sold out.")])).toEqual([
      "@alice 秒杀 #12已抢光了，下次早点来～ / Sold out.",
    ]);
    // A plain one (a 接龙 list) goes without the mention.
    expect(combineReplies([reply("bob", { ...WON, plain: true }, "【拼团接龙 7-1】…")])).toEqual(["【拼团接龙 7-1】…"]);
  });

  it("names everyone once per outcome, outcomes as they first came, names as they asked", () => {
    const texts = combineReplies([
      reply("c", SOLD_OUT),
      reply("d", ENDED),
      reply("e", SOLD_OUT),
      reply("c", SOLD_OUT), // a double tap: named once
      reply("f", ENDED),
    ]);
    expect(texts).toEqual(["@c @e 来晚了，秒杀 #12 已抢光；@d @f 秒杀 #12 已经结束了。/ Sold out; Ended."]);
  });

  it("lists outcomes of a lower order first (the wins before the misses), and each English outcome once", () => {
    const other: ReplyOutcome = { key: "soldOut:13", zh: "来晚了，秒杀 #13 已抢光", en: "Sold out" };
    const texts = combineReplies([reply("d", SOLD_OUT), reply("a", WON), reply("e", other), reply("b", WON)]);
    expect(texts).toEqual([
      "@a @b 抢到了，订单详情已私信；@d 来晚了，秒杀 #12 已抢光；@e 来晚了，秒杀 #13 已抢光。/ Got it, details in your private chat; Sold out.",
    ]);
  });

  it("says each note once after the names: the highest ranked, the latest among equals", () => {
    const joined = (seat: number, list: string): ReplyOutcome => ({
      key: "joined:7-1",
      zh: "已加入团 7-1",
      en: "Joined",
      note: { key: "chain:7-1", text: list, rank: seat },
      plain: true,
    });
    const texts = combineReplies([
      reply("a", joined(1, "【拼团接龙 7-1】1. a")),
      reply("c", joined(3, "【拼团接龙 7-1】1. a 2. b 3. c")),
      reply("b", joined(2, "【拼团接龙 7-1】1. a 2. b")),
      reply("d", { key: "closed", zh: "团 7-1 已满", en: "Team closed" }),
    ]);
    expect(texts).toEqual(["@a @c @b 已加入团 7-1；@d 团 7-1 已满。/ Joined; Team closed.\n【拼团接龙 7-1】1. a 2. b 3. c"]);
    const same = (text: string): ReplyOutcome => ({ key: "x", zh: "好", en: "OK", note: { key: "n", text } });
    expect(combineReplies([reply("a", same("first")), reply("b", same("second"))])).toEqual(["@a @b 好。/ OK.\nsecond"]);
  });

  it("cuts only where WeChat's limit requires, between names, every name once and in order", () => {
    // 300 members with Chinese names: about 7 KB of mentions.
    const names = Array.from({ length: 300 }, (_, i) => `会员${String(i).padStart(3, "0")}`);
    const replies = names.map((name, i) => reply(name, i < 5 ? WON : SOLD_OUT));
    const texts = combineReplies(replies);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(bytes(text)).toBeLessThanOrEqual(WECHAT_TEXT_MAX_BYTES);
    // Every piece still says the outcome of the names in it.
    for (const text of texts) expect(text).toMatch(/(抢到了|已抢光)。\/ /);
    const named = texts.flatMap((text) => [...text.matchAll(/@(\S+)/g)].map((m) => m[1]));
    expect(named).toEqual(names);
    // Minimal: the next message's first name would not have fitted in the one before.
    for (let i = 0; i + 1 < texts.length; i++) {
      const first = /@(\S+)/.exec(texts[i + 1]!)![1]!;
      expect(bytes(texts[i]!) + bytes(` @${first}`)).toBeGreaterThan(WECHAT_TEXT_MAX_BYTES);
    }
  });

  it("cuts at any limit given, and puts a note that does not fit in a message of its own", () => {
    const texts = combineReplies(
      [reply("aaaa", SOLD_OUT), reply("bbbb", SOLD_OUT), reply("cccc", { ...SOLD_OUT, note: { key: "n", text: "x".repeat(70) } })],
      60, // two mentions and the outcome are 58 bytes, three 64
    );
    expect(texts).toEqual([
      "@aaaa @bbbb 来晚了，秒杀 #12 已抢光。/ Sold out.",
      "@cccc 来晚了，秒杀 #12 已抢光。/ Sold out.",
      "x".repeat(70),
    ]);
    // One name that alone passes the limit still goes: nothing is dropped.
    expect(combineReplies([reply("aaaa", SOLD_OUT), reply("bbbb", ENDED)], 10)).toEqual([
      "@aaaa 来晚了，秒杀 #12 已抢光。/ Sold out.",
      "@bbbb 秒杀 #12 已经结束了。/ Ended.",
    ]);
  });
});
