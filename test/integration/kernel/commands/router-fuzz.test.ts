// Fuzzing the chat edge: a few hundred seeded adversarial lines (random unicode, emoji, zero-width and
// RTL marks, NUL, lone surrogates, long lines, every command word with garbage after it, segment
// injection) through the router against real PostgreSQL and Redis, by a plain member and by the owner,
// in a room and privately. Whatever is typed: nothing fails, no apology, no stack trace or "undefined"
// in a reply, every #-command is answered, chatter in a room never is (private chatter goes to the service
// desk: at most one hint a day per person, one "added to your ticket" per ticket, a ticket's own answers
// when the line asks for help), and every operator command a member tries is refused and audited. The
// seed is printed; a failure names the line.

import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allCommands } from "../../../../src/features/index.js";
import { handlePrivateChatter } from "../../../../src/features/service-desk/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { type ChatInput, cleanChatInput } from "../../../../src/kernel/commands/chat-input.js";
import { lookupCommand, normalizeText } from "../../../../src/kernel/commands/match.js";
import { APOLOGY, CommandRouter } from "../../../../src/kernel/commands/router.js";
import { subcommandsOf } from "../../../../src/kernel/commands/suggest.js";
import type { Delivery, Member, Room } from "../../../../src/kernel/db/client.js";
import { createTestApp } from "../../../support/test-app.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const LINES = 600;

/** mulberry32: a tiny seeded PRNG, so a failing line can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EMOJI = ["😀", "👍🏻", "🎉", "❤️", "👨‍👩‍👧", "🇨🇳", "🧴"];
const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u202e", "\u200f", "\u2066", "\u2069", "\u00ad"];
const CONTROL = ["\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\r", "\u0085"];
const SPACES = [" ", "\u2005", "\u3000", "\t", "\n"];
const WORDS = [
  "满200减30",
  "价99",
  "库存10",
  "明天20:00",
  "30分钟",
  "@Alice",
  "分层:流失风险",
  "标签:北京",
  "且",
  "或",
  "非",
  "{昵称}",
  "|",
  "券:满200减30",
  "群:VIP群",
];
const ALIASES = allCommands.flatMap((c) => [...c.aliases.zh.map((a) => ({ a, en: false })), ...c.aliases.en.map((a) => ({ a, en: true }))]);

function generator(seed: number) {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const codePoint = () => {
    const roll = random();
    if (roll < 0.3) return String.fromCodePoint(0x4e00 + int(0x9fff - 0x4e00)); // CJK
    if (roll < 0.5) return String.fromCodePoint(0x21 + int(0x5e)); // printable ASCII
    if (roll < 0.6) return String.fromCodePoint(0x1f300 + int(0x400)); // astral: emoji planes
    if (roll < 0.7) return String.fromCharCode(0xd800 + int(0x800)); // a lone surrogate
    return String.fromCodePoint(0xa0 + int(0xfff0 - 0xa0)).replace(/[\ud800-\udfff]/, "x"); // anything in the BMP
  };
  const piece = () => {
    const roll = random();
    if (roll < 0.35) return codePoint();
    if (roll < 0.45) return pick(EMOJI);
    if (roll < 0.55) return pick(INVISIBLE);
    if (roll < 0.62) return pick(CONTROL);
    if (roll < 0.8) return pick(SPACES);
    return pick(WORDS);
  };
  const garbage = (max: number) => Array.from({ length: int(max) + 1 }, piece).join("");
  const head = () => pick(["", "", "#", "#", "＃", "# ", "@Siyu\u2005", "@Siyu #"]);

  return (): string => {
    const roll = random();
    // A command word (any alias of any command), a head and garbage after it.
    if (roll < 0.45) {
      const { a, en } = pick(ALIASES);
      const before = en ? pick(["#", "＃", "@Siyu\u2005#"]) : head();
      return `${before}${a}${pick(["", " ", "\u3000", "\u2005"])}${garbage(12)}`;
    }
    // Segment injection: nesting, dangling operators, saved-name games.
    if (roll < 0.55) {
      const depth = 1 + int(random() < 0.2 ? 3000 : 40);
      const body = pick(["分层:高价值", "标签:北京 或 标签:上海", "非 非 非 标签:x", "Lx", ""]);
      return `${pick(["人群 预览", "#人群 预览", `人群 保存 L${int(30)}`, "#推送"])} ${"(".repeat(depth)}${body}${")".repeat(int(depth + 2))} ${garbage(4)}`;
    }
    // The courtesy regex's old worst case, and relatives.
    if (roll < 0.6)
      return `${pick(["退订", "订阅", "帮助", "领券", "#我的券"])} ${pick(["麻烦了", "谢谢了", "好的"]).repeat(1 + int(60))}${pick(["x", "", "？"])}`;
    // Long lines, over and under the limit, as commands and as chatter.
    if (roll < 0.68)
      return `${pick(["", "#帮助 ", "帮助 ", "#xyz", "哈哈"])}${Array.from({ length: 1500 + int(1200) }, codePoint).join("")}`;
    // A # and garbage: an unknown command.
    if (roll < 0.78) return `${pick(["#", "＃"])}${codePoint()}${garbage(10)}`;
    // Chatter: garbage that starts with something no command starts with.
    return `${pick(["哈哈", "大家好", "今天", "ok", "😀", "\u200b"])}${garbage(20)}`;
  };
}

function capturingLogger(lines: string[]) {
  return pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
}

describe("the router under fuzzed chat lines", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let router: CommandRouter;
  let room: Room;
  let member: Member;
  let owner: Member;
  const logLines: string[] = [];

  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ COMMANDS_PER_MINUTE: "600" }));
    // Wired as the bot wires it: private chatter goes to the service desk.
    router = new CommandRouter({ ...app, logger: capturingLogger(logLines) }, allCommands, () => ({ wechatId: "siyu-bot", name: "Siyu" }), {
      privateChatter: async (context, chatter) => {
        await handlePrivateChatter(context, chatter);
      },
    });
    room = await app.db.room.create({ data: { wechatRoomId: "fuzz@chatroom", topic: "VIP群" } });
    member = await app.db.member.create({ data: { wechatId: "mallory", name: "Mallory" } });
    owner = await app.db.member.create({ data: { wechatId: app.config.ownerWechatId, name: "Boss" } });
    for (const m of [member, owner]) await app.db.roomMember.create({ data: { roomId: room.id, memberId: m.id } });
  });
  afterAll(async () => cleanup?.());

  it(`answers ${LINES} adversarial lines without a failure, an apology or an echo of garbage`, { timeout: 120_000 }, async () => {
    const next = generator(SEED);
    const started = Date.now();
    let lastDelivery: number | bigint = 0;
    const problems: string[] = [];
    const counts = { commands: 0, chatter: 0, refused: 0, answered: 0 };
    // Private chatter's answers per person: the day's hint and the "added to your ticket" notices.
    const hints = new Map<number, number>();
    const addedNotices = new Map<string, number>();

    for (let i = 0; i < LINES; i++) {
      const text = next();
      const speaker = i % 3 === 0 ? owner : member;
      const inRoom = i % 4 !== 3;
      const input: ChatInput = {
        messageId: `fuzz-${SEED}-${i}`,
        talker: { wechatId: speaker.wechatId, name: speaker.name },
        room: inRoom ? { wechatRoomId: room.wechatRoomId, topic: room.topic } : undefined,
        text,
        mentions: [],
        at: new Date(),
      };
      // What the line is, read the way the edge and the router read it.
      const clean = cleanChatInput(input);
      const lookup = lookupCommand(clean.text, allCommands, "Siyu");
      const firstWord = normalizeText(clean.text).split(" ")[0] ?? "";
      const hashed = lookup.kind === "unknown" || (lookup.kind === "command" && lookup.match.hashed);
      const chatter = lookup.kind === "chatter" && subcommandsOf(firstWord.replace(/[。！？!?]+$/, ""), allCommands).length === 0;
      const operatorAttempt =
        speaker === member && lookup.kind === "command" && lookup.match.hashed && lookup.match.spec.role !== "member" && !clean.truncated;
      const auditsBefore = operatorAttempt
        ? await app.db.auditLog.count({ where: { actorId: member.id, command: lookup.match.spec.name, outcome: "refused: role" } })
        : 0;

      await router.route(input, speaker, inRoom ? room : undefined);

      const since: number | bigint = lastDelivery;
      const replies: Delivery[] = await app.db.delivery.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
      if (replies.length) lastDelivery = replies[replies.length - 1]!.id;
      const say = (problem: string) =>
        problems.push(`line ${i} (${speaker.name}${inRoom ? " in room" : ""}) ${JSON.stringify(text.slice(0, 120))}: ${problem}`);
      for (const reply of replies) {
        if (reply.text.includes(APOLOGY)) say("apology");
        if (/undefined|\[object|\n\s+at |Error:|prisma/i.test(reply.text)) say(`bad reply ${JSON.stringify(reply.text.slice(0, 200))}`);
        // The room never hears a long list or a long quote: at most a few lines.
        if (reply.roomId !== null && reply.text.length > 600) say(`long room reply (${reply.text.length} chars)`);
      }
      if (hashed) {
        counts.commands++;
        if (replies.length === 0) say("a #-command got no answer");
      }
      if (chatter) {
        counts.chatter++;
        if (inRoom && replies.length > 0) say(`chatter answered: ${JSON.stringify(replies[0]!.text.slice(0, 80))}`);
        const asksForHelp = app.config.service.helpWords.some((word) => clean.text.includes(word));
        for (const reply of inRoom ? [] : replies) {
          if (reply.memberId !== speaker.id) {
            // The assignee hears of the ticket (new, or the member's words): nothing else.
            if (!/^(【T\d+】|新工单 T\d+|没有客服在值班)/.test(reply.text))
              say(`private chatter told someone else ${JSON.stringify(reply.text.slice(0, 80))}`);
          } else if (reply.text.startsWith("需要人工服务")) hints.set(speaker.id, (hints.get(speaker.id) ?? 0) + 1);
          else if (reply.text.startsWith("你的消息已加入工单")) {
            const ticket = /T\d+/.exec(reply.text)![0];
            addedNotices.set(ticket, (addedNotices.get(ticket) ?? 0) + 1);
          } else if (!(asksForHelp && /工单 T\d+/.test(reply.text)))
            say(`private chatter answered: ${JSON.stringify(reply.text.slice(0, 80))}`);
        }
      }
      if (operatorAttempt) {
        counts.refused++;
        if (!replies.some((r) => r.text.includes("没有权限"))) say("an operator command by a member was not refused");
        const auditsAfter = await app.db.auditLog.count({
          where: { actorId: member.id, command: lookup.match.spec.name, outcome: "refused: role" },
        });
        if (auditsAfter !== auditsBefore + 1) say("an operator command by a member was not audited");
      }
      if (replies.length) counts.answered++;
    }

    const failures = logLines.filter((line) => line.includes("command failed"));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz seed ${SEED}: ${LINES} lines in ${seconds.toFixed(1)} s; ${counts.commands} #-commands, ${counts.chatter} chatter, ${counts.refused} member operator attempts, ${counts.answered} answered`,
    );
    expect(failures.map((line) => JSON.parse(line).snippet)).toEqual([]);
    expect(problems).toEqual([]);
    expect(
      [...hints.values()].every((n) => n <= 1),
      "one hint a day per person",
    ).toBe(true);
    expect(
      [...addedNotices.values()].every((n) => n <= 1),
      "one added-to-ticket notice per ticket",
    ).toBe(true);
    // The generator reached every class it is meant to.
    expect(counts.commands).toBeGreaterThan(50);
    expect(counts.chatter).toBeGreaterThan(20);
    expect(counts.refused).toBeGreaterThan(10);
  });
});
