// Two accounts on the mock WeChat, one bot each in this process (startMockFleet): one answer per
// message in a shared room (by its primary, chatter counted once), failover when the primary logs out
// (the standby answers, the owner is told, queued marketing leaves through the standby exactly once),
// and private pushes routed to the account that can reach each member (no_account when none can).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotMessage, MockWorld } from "../../../src/bot/mock-world.js";
import { setRoomPrimary } from "../../../src/kernel/fleet/fleet-registry.js";
import { type MockFleet, startMockFleet } from "../../../src/sim/start-mock-fleet.js";
import { waitForQueueIdle } from "../../support/queue-idle.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

const community = {
  owner: "boss",
  accounts: ["helperA", "helperB"],
  names: { helperA: "小助手A", helperB: "小助手B" },
  rooms: [
    // helperA is the primary of 北京1群 (first in `bots`), helperB its standby.
    { id: "bj1", topic: "北京1群", members: ["boss", "alice", "bob", "carol", "dave"], bots: ["helperA", "helperB"] },
    { id: "vip", topic: "VIP群", members: ["boss", "alice"], bots: ["helperA"] },
  ],
  // bob and carol are friends of helperB only; dave of nobody.
  friends: { helperA: ["alice"], helperB: ["bob", "carol"] },
};

describe("a fleet of two accounts", () => {
  let env: TestEnv;
  let fleet: MockFleet;
  const world = new MockWorld(community);
  const sent: BotMessage[] = [];
  const app = () => fleet.primary.app;

  /** Every bot idle and every account's outbox queue drained of what is due now. */
  async function settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      for (const stack of fleet.stacks.values()) await stack.bot!.idle();
      for (const account of fleet.stacks.keys()) await waitForQueueIdle(app().outbox.queueOf(account), 10_000, { dueBefore: Date.now() });
    }
  }

  beforeAll(async () => {
    world.onBotMessage((message) => sent.push(message));
    env = await createTestEnv({
      OWNER_WECHAT_ID: "boss",
      WECHATY_PUPPET: "mock",
      FLEET_CHECK_SECONDS: "1",
      // Long enough for a start-up that blocks the event loop for seconds on a loaded machine.
      ACCOUNT_LEASE_MS: "10000",
      COMMANDS_PER_MINUTE: "100",
    });
    fleet = await startMockFleet(env.config, world);
    await fleet.synced;
    // The first account to sync a room becomes its primary; the world declares helperA (as a scenario would).
    const bj1 = await fleet.primary.app.db.room.findUniqueOrThrow({ where: { wechatRoomId: "bj1@chatroom" } });
    expect(await setRoomPrimary(fleet.primary.app.db, bj1.id, world.botsIn("bj1")[0]!)).toBe(true);
  });

  afterAll(async () => {
    await fleet?.stop();
    await env?.cleanup();
  });

  it("records who is in which room and whom each account reaches", async () => {
    const seats = await app().db.roomAccount.findMany({
      select: { role: true, room: { select: { topic: true } }, account: { select: { name: true } } },
      orderBy: [{ roomId: "asc" }, { role: "asc" }],
    });
    expect(seats.map((s) => `${s.room.topic}:${s.account.name}:${s.role}`).sort()).toEqual([
      "VIP群:helperA:primary",
      "北京1群:helperA:primary",
      "北京1群:helperB:standby",
    ]);
    const reach = await app().db.memberReach.findMany({
      select: { member: { select: { wechatId: true } }, account: { select: { name: true } } },
    });
    expect(reach.map((r) => `${r.member.wechatId}:${r.account.name}`).sort()).toEqual([
      "alice:helperA",
      "bob:helperB",
      "boss:helperA",
      "boss:helperB",
      "carol:helperB",
    ]);
    // The accounts are not members of the community.
    expect(await app().db.member.count({ where: { wechatId: { in: ["helperA", "helperB"] } } })).toBe(0);
  });

  it("answers a command in the shared room once, by the primary, and counts a member's chatter once", async () => {
    const from = sent.length;
    world.say("bob", "帮助", "bj1");
    world.say("carol", "今天天气真好", "bj1");
    await expect.poll(() => sent.slice(from).filter((m) => m.room === "bj1").length, { timeout: 10_000 }).toBe(1);
    await settle();
    const mine = sent.slice(from);
    expect(mine.filter((m) => m.room === "bj1").map((m) => m.via)).toEqual(["helperA"]);
    // The list goes to bob privately, through the account that can write to him.
    expect(mine.filter((m) => m.to === "bob").map((m) => m.via)).toEqual(["helperB"]);
    const carol = await app().db.member.findUniqueOrThrow({ where: { wechatId: "carol" }, include: { interactions: true } });
    expect(carol.interactions.map((i) => i.messages)).toEqual([1]);
  });

  it("sends a private push through the account that reaches each member; nobody reaching one: no_account in the report", async () => {
    const db = app().db;
    const tag = await db.tag.create({ data: { category: "custom", name: "老客" } });
    const members = await db.member.findMany({ where: { wechatId: { in: ["alice", "bob", "carol", "dave"] } } });
    await db.memberTag.createMany({ data: members.map((m) => ({ memberId: m.id, tagId: tag.id, source: "manual" as const })) });
    const from = sent.length;
    world.say("boss", "#推送 标签:老客 {昵称}，新品到了");
    await expect
      .poll(() => sent.slice(from).filter((m) => m.to !== "boss" && m.text.includes("新品到了")).length, { timeout: 15_000 })
      .toBe(3);
    await settle();
    const pushed = sent.slice(from).filter((m) => m.to !== "boss" && m.text.includes("新品到了"));
    expect(pushed.map((m) => `${m.to}:${m.via}`).sort()).toEqual(["alice:helperA", "bob:helperB", "carol:helperB"]);
    const preview = sent.slice(from).find((m) => m.to === "boss" && /^推送 #\d+：/.test(m.text))!;
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    // The preview tells how the push splits over the accounts, and how long each takes at its allowance.
    expect(preview.text).toContain("按账号：helperA 1 人约 1 天，helperB 2 人约 1 天；没有账号能送达 1 人（跳过）");
    expect(await db.delivery.findFirst({ where: { campaign: `push:${pushId}`, member: { wechatId: "dave" } } })).toMatchObject({
      status: "skipped",
      reason: "no_account",
    });
    world.say("boss", `#推送 状态 ${pushId}`);
    await expect
      .poll(() => sent.slice(from).find((m) => m.to === "boss" && m.text.includes("没有能送达的账号 1")), { timeout: 10_000 })
      .toBeTruthy();
  });

  it("moves the room to the standby within 60 s of the primary's logout: it answers, the owner is told, queued marketing leaves once through it", async () => {
    const db = app().db;
    const bj1 = await db.room.findUniqueOrThrow({ where: { wechatRoomId: "bj1@chatroom" } });
    // Marketing for 北京1群 queued on helperA, due in a moment: still unsent when helperA drops.
    const [queued] = await app().outbox.sendMany([
      { kind: "announcement", to: { roomId: bj1.id }, text: "今晚8点开抢", notBefore: new Date(Date.now() + 1500) },
    ]);
    expect(queued!.account).toBe("helperA");
    const from = sent.length;
    const loggedOutAt = Date.now();
    await world.logout("helperA");

    // The owner hears, through the account still online, which account dropped and what moved.
    await expect
      .poll(() => sent.slice(from).find((m) => m.to === "boss" && m.text.includes("helperA 掉线")), { timeout: 60_000 })
      .toBeTruthy();
    const alert = sent.slice(from).find((m) => m.to === "boss" && m.text.includes("helperA 掉线"))!;
    expect(alert.via).toBe("helperB");
    expect(alert.text).toContain("「北京1群」→helperB");
    expect(Date.now() - loggedOutAt).toBeLessThan(60_000);
    const seats = await db.roomAccount.findMany({ where: { roomId: bj1.id }, select: { role: true, account: { select: { name: true } } } });
    expect(Object.fromEntries(seats.map((s) => [s.account.name, s.role]))).toEqual({ helperA: "standby", helperB: "primary" });

    // The queued announcement left through helperB, exactly once: one row, one send.
    await expect.poll(() => sent.filter((m) => m.text === "今晚8点开抢").length, { timeout: 10_000 }).toBe(1);
    world.say("bob", "帮助", "bj1");
    await expect
      .poll(() => sent.slice(from).filter((m) => m.room === "bj1" && m.text !== "今晚8点开抢").length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    await settle();
    expect(sent.filter((m) => m.text === "今晚8点开抢").map((m) => m.via)).toEqual(["helperB"]);
    expect(await db.delivery.findMany({ where: { text: "今晚8点开抢" }, select: { status: true, account: true } })).toEqual([
      { status: "sent", account: "helperB" },
    ]);
    // The standby answers in the room now, once.
    const answers = sent.slice(from).filter((m) => m.room === "bj1" && m.text !== "今晚8点开抢");
    expect(answers.map((m) => m.via)).toEqual(["helperB"]);
  });

  it("shows the fleet in 账号: each account's state, rooms as primary and standby, queue, sends, breaker", async () => {
    const from = sent.length;
    world.say("boss", "账号");
    await expect
      .poll(() => sent.slice(from).find((m) => m.to === "boss" && m.text.startsWith("账号 2 个")), { timeout: 10_000 })
      .toBeTruthy();
    const text = sent.slice(from).find((m) => m.to === "boss" && m.text.startsWith("账号 2 个"))!.text;
    expect(text).toContain("在线 1 个");
    expect(text).toMatch(/helperA ⚪ 离线\n {2}群：主号 1，备用 1；队列 0/);
    expect(text).toMatch(/helperB 🟢 在线\n {2}群：主号 1，备用 0；队列 0/);
    expect(text).toMatch(/熔断 关闭/);
    // A member is not shown the fleet.
    world.say("bob", "#账号", "bj1");
    await expect.poll(() => sent.slice(from).find((m) => m.text.includes("没有权限")), { timeout: 10_000 }).toBeTruthy();
  });
});
