// A rush on the mock puppet: 40 members send 抢 to a stock-5 sale in one room at once. Without the reply
// digest the room hears one line per grabber (41 messages with 已抢光); with it, the grab results are
// combined into at most one room message per window, and every member still learns their own result.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyDigestFlushJob } from "../../../../src/kernel/outbox/reply-digest.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const grabbers = Array.from({ length: 40 }, (_, i) => `m${String(i + 1).padStart(2, "0")}`);
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", ...grabbers] }] };

interface Rush {
  /** Room messages sent after the grabs (the sale's 已抢光 announcement included). */
  room: string[];
  /** Room messages about grab results (without the announcement). */
  results: string[];
  winners: Set<string>;
  /** From the first 抢 sent until every grabber was named in the room. */
  allToldMs: number;
}

/** Opens a stock-5 sale, lets all 40 grab at once and waits until every reply (and digest) has gone out. */
async function rush(t: TestBot): Promise<Rush> {
  t.say("boss", "秒杀 新建 面膜 价9.9 库存5 现在 1小时", "vip");
  const id = Number(/#(\d+)/.exec((await t.waitFor({ room: "vip", text: "已创建秒杀 #" })).text)![1]);
  await t.waitFor({ room: "vip", text: `开抢啦 #${id}` });
  await t.settle(5000);
  const from = t.sent.length;
  const started = Date.now();
  for (const member of grabbers) t.say(member, `抢 ${id}`, "vip");
  const named = () => {
    const said = segments(
      t.sent
        .slice(from)
        .filter((m) => m.room === "vip")
        .map((m) => m.text),
    ).join("；");
    return grabbers.every((member) => said.includes(`@${member} `));
  };
  await expect.poll(named, { timeout: 15_000, interval: 20 }).toBe(true);
  const allToldMs = Date.now() - started;
  for (let i = 0; i < 5; i++) await t.waitFor({ text: "抢到啦" }, 10_000);
  // The digest's flush is a delayed job: settling waits for it (and for the outbox after it).
  await t.settle(20_000, { jobs: [replyDigestFlushJob.id] });
  const room = t.sent.slice(from).filter((m) => m.room === "vip");
  const orders = await t.app.db.order.findMany({ where: { flashSaleId: id }, include: { member: true } });
  expect(orders).toHaveLength(5);
  return {
    room: room.map((m) => m.text),
    results: room.map((m) => m.text).filter((text) => !text.includes(`已抢光 #${id}`)),
    winners: new Set(orders.map((o) => o.member!.wechatId)),
    allToldMs,
  };
}

/** The Chinese part of each room message, cut into one segment per outcome ("@a @b 抢到了…；@c 来晚了…"). */
function segments(texts: readonly string[]): string[] {
  return texts.flatMap((text) => text.split("/ ")[0]!.split("；"));
}

/** Every grabber is named in exactly one segment, and it tells them whether they won. */
function expectEveryoneTold(t: TestBot, result: Rush) {
  const all = segments(result.results);
  for (const member of grabbers) {
    const theirs = all.filter((s) => s.includes(`@${member} `));
    expect(theirs, member).toHaveLength(1);
    if (result.winners.has(member)) {
      expect(theirs[0]).toContain("抢到了");
      expect(t.sent.filter((m) => m.to === member && m.text.includes("抢到啦"))).toHaveLength(1);
    } else {
      expect(theirs[0]).toContain("已抢光");
    }
  }
}

describe("a 40-member rush on a stock-5 sale, replies digested (the default 5 s window)", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100", REPLY_DIGEST_WINDOW_MS: "5000" });
  });
  afterAll(async () => t?.stop());

  it("the room hears at most 3 messages about the results, and every member learns theirs", async () => {
    const result = await rush(t);
    console.info(
      `rush with the digest: ${result.room.length} room messages, ${result.results.length} about grab results, all told in ${result.allToldMs} ms`,
    );
    expect(result.results.length).toBeLessThanOrEqual(3);
    expect(result.results.length).toBeGreaterThanOrEqual(1);
    expectEveryoneTold(t, result);
  }, 60_000);
});

describe("the same rush with the digest off (REPLY_DIGEST_WINDOW_MS=0, as before it)", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100", REPLY_DIGEST_WINDOW_MS: "0" });
  });
  afterAll(async () => t?.stop());

  it("floods the room: one message per grabber, plus 已抢光", async () => {
    const result = await rush(t);
    console.info(
      `rush without the digest: ${result.room.length} room messages, ${result.results.length} about grab results, all told in ${result.allToldMs} ms`,
    );
    expect(result.results).toHaveLength(40);
    expect(result.room).toHaveLength(41);
    expectEveryoneTold(t, result);
  }, 60_000);
});
