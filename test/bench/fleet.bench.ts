// The fleet at the brand's scale: 1,000 rooms × 200 members over 40 accounts, the production governor
// (20 messages a minute, burst 3, the default daily caps). A faithful scaled model, not a simulation:
// the real outbox (routing at enqueue, one queue, worker, Redis token bucket and caps per account), the
// real flash-sale opening and the real bot on the mock WeChat run with every rate × K and every pause
// (jitter, the reply digest's window) ÷ K; measured times are multiplied back by K. The token bucket is
// linear in time, so its schedule scales exactly; our own processing time does not shrink, so scaled-back
// figures overstate it by K × the overhead (they err slow). The push's days use the real routing and the
// real governor's daily cap with the day as the clock (its rate never binds at 300 a day).
//
// K is 2 for the opening (1,000 sends from 40 workers in this one process: at a larger K our own
// processing, ~50 sends a second on two shared cores, would be the bottleneck measured, not the bucket)
// and 10 for the rush (one account's pace).
//
//   BENCH_FLEET_SCALE_OPEN (K of the opening, default 2), BENCH_FLEET_SCALE (K of the rush, default 10),
//   BENCH_FLEET_MEMBERS (the push's audience, default 500,000)
import { randomUUID } from "node:crypto";
import type { Worker } from "bullmq";
import { type BotMessage, MockWorld } from "../../src/bot/mock-world.js";
import { createFlashSale, runFlashSaleStep } from "../../src/features/flash-sales/index.js";
import { type AppContext, createAppContext } from "../../src/kernel/app-context.js";
import type { Config } from "../../src/kernel/config.js";
import { resolveAccounts } from "../../src/kernel/fleet/resolve-accounts.js";
import { Governor } from "../../src/kernel/outbox/governor.js";
import type { MessageSender, SendTarget } from "../../src/kernel/outbox/message-sender.js";
import { createOutboxWorker } from "../../src/kernel/outbox/outbox-sender.js";
import type { OutgoingMessage } from "../../src/kernel/outbox/outgoing-message.js";
import { startMockFleet } from "../../src/sim/start-mock-fleet.js";
import { waitForQueueIdle } from "../support/queue-idle.js";
import { createTestEnv } from "../support/test-app.js";

const K_OPEN = Number(process.env.BENCH_FLEET_SCALE_OPEN ?? 2);
const K_RUSH = Number(process.env.BENCH_FLEET_SCALE ?? 10);
const ROOMS = 1_000;
const ACCOUNTS = 40;
const PUSH_MEMBERS = Number(process.env.BENCH_FLEET_MEMBERS ?? 500_000);
const RUSH_MEMBERS = 200;
const RUSH_STOCK = 20;
// Production: OUTBOX_RATE_PER_MINUTE=20, OUTBOX_BURST=3, OUTBOX_JITTER_MS=800-3000, REPLY_DIGEST_WINDOW_MS=5000.
const RATE_PER_MINUTE = 20;
const BURST = 3;
const JITTER = [800, 3000] as const;
const DIGEST_WINDOW_MS = 5000;

const accountName = (i: number) => `acct${String(i).padStart(2, "0")}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
const ratio = (measured: number, limit: number) => `${(measured / limit).toFixed(2)}×`;
const line = (text: string) => process.stdout.write(`${text}\n`);

/** The production governor, every rate × K and every pause ÷ K. */
function scaledEnv(K: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OUTBOX_RATE_PER_MINUTE: String(RATE_PER_MINUTE * K),
    OUTBOX_BURST: String(BURST),
    OUTBOX_JITTER_MS: `${Math.round(JITTER[0] / K)}-${Math.round(JITTER[1] / K)}`,
    // Caps are per day: the default ones, unscaled (no part below reaches them within its run).
    QUIET_HOURS: "off",
    LOG_LEVEL: "silent",
    ...extra,
  };
}

export default async function fleetBench() {
  line("scaled model: every rate × K, every pause ÷ K; times below are scaled back (× K)");
  await openingInEveryRoom(K_OPEN);
  await rushInOneRoom(K_RUSH);
  await pushAcrossTheFleet();
}

/** Registers 40 online accounts; returns their row ids by name. */
async function registerAccounts(app: AppContext): Promise<Map<string, number>> {
  const now = app.clock.now();
  await app.db.botAccount.createMany({
    data: Array.from({ length: ACCOUNTS }, (_, i) => ({
      name: accountName(i),
      wechatId: `wx-${accountName(i)}`,
      state: "online" as const,
      lastSeenAt: now,
    })),
  });
  const rows = await app.db.botAccount.findMany({ select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.name, row.id]));
}

/** One outbox worker per account, as each account's bot process runs it, with a sender that records. */
function startOutboxWorkers(app: AppContext, config: Config, record: (account: string, target: SendTarget) => void): Worker[] {
  return Array.from({ length: ACCOUNTS }, (_, i) => {
    const account = accountName(i);
    const sender: MessageSender = {
      async send(target) {
        record(account, target);
      },
    };
    return createOutboxWorker(app.redis, config.redis.prefix, account, {
      db: app.db,
      governor: new Governor(app.redis, app.key, account, config.outbox),
      sender,
      clock: app.clock,
      logger: app.logger,
      timeZone: config.timeZone,
      quietHours: null,
      jitterMs: config.outbox.jitterMs,
      memberCaps: config.outbox.memberCaps,
    });
  });
}

/** (a) A sale opens in all 1,000 rooms: until its 开抢 is in every room, each through the room's primary. */
async function openingInEveryRoom(K: number) {
  const env = await createTestEnv(scaledEnv(K));
  const app = createAppContext(env.config);
  const workers: Worker[] = [];
  try {
    const ids = await registerAccounts(app);
    await app.db.room.createMany({
      data: Array.from({ length: ROOMS }, (_, i) => ({ wechatRoomId: `r${i}@chatroom`, topic: `${i}号群` })),
    });
    const rooms = await app.db.room.findMany({ select: { id: true, wechatRoomId: true }, orderBy: { id: "asc" } });
    // Each room: a primary and a standby (the next account), 25 rooms as primary per account.
    await app.db.roomAccount.createMany({
      data: rooms.flatMap((room, i) => [
        { roomId: room.id, accountId: ids.get(accountName(i % ACCOUNTS))!, role: "primary" as const },
        { roomId: room.id, accountId: ids.get(accountName((i + 1) % ACCOUNTS))!, role: "standby" as const },
      ]),
    });
    const primaryOf = new Map(rooms.map((room, i) => [room.wechatRoomId, accountName(i % ACCOUNTS)]));
    const operator = await app.db.member.create({ data: { wechatId: "boss", name: "王老板" } });
    const now = app.clock.now().getTime();
    const created = await createFlashSale(app, {
      draft: {
        product: "面膜",
        priceCents: 990,
        stock: 1000,
        perMemberLimit: 1,
        startsAt: new Date(now + 60_000),
        endsAt: new Date(now + 3_600_000),
        allRooms: true,
      },
      createdById: operator.id,
    });
    if (created.kind !== "created") throw new Error(`no sale: ${created.kind}`);
    const { sale } = created;
    // The preview its creation queued is set aside: the figure is the opening alone, on full buckets.
    await app.db.delivery.updateMany({ where: { campaign: `flash:${sale.id}` }, data: { status: "skipped", reason: "bench" } });
    for (let i = 0; i < ACCOUNTS; i++) await app.outbox.queueOf(accountName(i)).obliterate({ force: true });

    const arrived = new Map<string, number>();
    const wrongAccount: string[] = [];
    let started = 0;
    workers.push(
      ...startOutboxWorkers(app, env.config, (account, target) => {
        if (target.kind !== "room") return;
        if (!arrived.has(target.wechatRoomId)) arrived.set(target.wechatRoomId, performance.now() - started);
        if (primaryOf.get(target.wechatRoomId) !== account) wrongAccount.push(target.wechatRoomId);
      }),
    );
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    started = performance.now();
    const opened = await runFlashSaleStep(app, { saleId: sale.id, step: "open", at: sale.startsAt.getTime() });
    if (opened.kind !== "announced") throw new Error(`the opening step: ${opened.kind}`);
    const queuedMs = (performance.now() - started) * K;
    const deadline = started + ((ROOMS / ACCOUNTS / RATE_PER_MINUTE) * 60_000 * 4) / K + 30_000;
    while (arrived.size < ROOMS && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const last = Math.max(...arrived.values()) * K;
    const perAccount = ROOMS / ACCOUNTS;
    const limit = (perAccount / RATE_PER_MINUTE) * 60_000;
    const withBurst = ((perAccount - BURST) / RATE_PER_MINUTE) * 60_000;
    line(
      `(a) 开抢 in every room: ${ROOMS} rooms, ${ACCOUNTS} accounts (${perAccount} rooms each as primary, one standby per room), K = ${K}`,
    );
    line(
      `    in ${arrived.size} rooms after ${seconds(last)}; limit ${perAccount} rooms ÷ ${RATE_PER_MINUTE}/min = ${seconds(limit)} (${ratio(last, limit)}); with the burst of ${BURST} ${seconds(withBurst)} (${ratio(last, withBurst)}); one account alone: ${minutes((ROOMS / RATE_PER_MINUTE) * 60_000)}`,
    );
    line(
      `    of which routing and queueing the ${ROOMS} deliveries at the opening: ${seconds(queuedMs)}; every room's message left through its primary: ${wrongAccount.length === 0 ? "yes" : `no (${wrongAccount.length} did not)`}`,
    );
    if (arrived.size !== ROOMS) throw new Error(`only ${arrived.size} of ${ROOMS} rooms got the 开抢`);
    if (wrongAccount.length > 0) throw new Error(`${wrongAccount.length} rooms got it through another account than their primary`);
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    for (let i = 0; i < ACCOUNTS; i++)
      await app.outbox
        .queueOf(accountName(i))
        .obliterate({ force: true })
        .catch(() => undefined);
    await app.close();
    await env.cleanup();
  }
}

interface RushResult {
  /** The accounts the room messages left through. */
  via: string[];
  roomMessages: number;
  results: number;
  resultMs: number;
  told: number;
  winners: number;
}

/** (b) 200 members send 抢 at once in one room its primary and a standby share. */
async function rushInOneRoom(K: number) {
  const digestKnown = await (async () => {
    const env = await createTestEnv();
    await env.cleanup();
    return "replyDigest" in env.config;
  })();
  const runs: Array<[string, RushResult]> = [];
  if (digestKnown) runs.push(["without the reply digest (REPLY_DIGEST_WINDOW_MS=0)", await rush(K, 0)]);
  runs.push([
    digestKnown ? `with the reply digest (${DIGEST_WINDOW_MS} ms window)` : "(no reply digest in this build)",
    await rush(K, DIGEST_WINDOW_MS),
  ]);
  // One account sends them all: the first BURST at once, then one per 60/RATE s.
  const minimum = (messages: number) => (Math.max(0, messages - BURST) / RATE_PER_MINUTE) * 60_000;
  line(`(b) a ${RUSH_MEMBERS}-member rush on a stock-${RUSH_STOCK} sale in one room (two accounts in it, the primary answers), K = ${K}`);
  for (const [label, r] of runs) {
    const messages = r.roomMessages + r.winners;
    line(
      `    ${label}: ${r.roomMessages} room messages (${r.results} naming grab results; ideal 1 per command kind per window); every grabber had their result after ${seconds(r.resultMs)}; limit for these ${r.roomMessages} room + ${r.winners} private messages from one account: ${seconds(minimum(messages))} (${ratio(r.resultMs, minimum(messages))}); ${r.told}/${RUSH_MEMBERS} told; room messages via ${r.via.join(", ")}`,
    );
  }
}

async function rush(K: number, windowMs: number): Promise<RushResult> {
  const grabbers = Array.from({ length: RUSH_MEMBERS }, (_, i) => `m${String(i + 1).padStart(3, "0")}`);
  const world = new MockWorld({
    owner: "boss",
    accounts: ["acctA", "acctB"],
    rooms: [{ id: "big", topic: "北京大群", members: ["boss", ...grabbers] }],
  });
  const sent: Array<BotMessage & { at: number }> = [];
  world.onBotMessage((message) => sent.push({ ...message, at: performance.now() }));
  const env = await createTestEnv(
    scaledEnv(K, {
      OWNER_WECHAT_ID: "boss",
      WECHATY_PUPPET: "mock",
      REPLY_DIGEST_WINDOW_MS: String(Math.round(windowMs / K)),
      BOT_ACCOUNT: "acctA",
    }),
  );
  const fleet = await startMockFleet(env.config, world);
  try {
    await fleet.synced;
    world.say("boss", `秒杀 新建 面膜 价9.9 库存${RUSH_STOCK} 现在 1小时`, "big");
    const until = async (test: () => boolean, ms: number, what: string) => {
      const deadline = performance.now() + ms;
      while (!test()) {
        if (performance.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await until(() => sent.some((m) => m.room === "big" && /已创建秒杀 #\d+/.test(m.text)), 60_000, "the sale's creation");
    const id = Number(/已创建秒杀 #(\d+)/.exec(sent.find((m) => m.room === "big" && /已创建秒杀 #\d+/.test(m.text))!.text)![1]);
    await until(() => sent.some((m) => m.room === "big" && m.text.includes(`开抢啦 #${id}`)), 60_000, "the 开抢");
    for (const stack of fleet.stacks.values()) await waitForQueueIdle(stack.app.outboxQueue, 60_000);
    const from = sent.length;
    const started = performance.now();
    for (const member of grabbers) world.say(member, `抢 ${id}`, "big");
    const toldAt = new Map<string, number>();
    const noteResults = () => {
      for (const message of sent.slice(from)) {
        if (message.to && message.text.includes("抢到啦") && !toldAt.has(message.to)) toldAt.set(message.to, message.at);
        if (message.room === "big")
          for (const member of grabbers) if (!toldAt.has(member) && message.text.includes(`@${member}`)) toldAt.set(member, message.at);
      }
      return toldAt.size >= RUSH_MEMBERS;
    };
    // Without the digest: one room line per grabber at the governor's pace, and the winners' private results.
    await until(noteResults, (((RUSH_MEMBERS + RUSH_STOCK) / RATE_PER_MINUTE) * 60_000 * 3) / K + 60_000, "every grabber's result");
    for (const stack of fleet.stacks.values()) await waitForQueueIdle(stack.app.outboxQueue, 60_000);
    const orders = await fleet.primary.app.db.order.count({ where: { flashSaleId: id } });
    if (orders !== RUSH_STOCK) throw new Error(`${orders} orders for a stock of ${RUSH_STOCK}`);
    const roomAfter = sent.slice(from).filter((m) => m.room === "big");
    return {
      via: [...new Set(roomAfter.map((m) => m.via))].map((account) => {
        const texts = roomAfter.filter((m) => m.via === account).map((m) => m.text.slice(0, 24).replace(/\s+/g, " "));
        return `${account} (${texts.length}${texts.length <= 3 ? `: ${texts.join(" | ")}` : ""})`;
      }),
      roomMessages: roomAfter.length,
      results: roomAfter.filter((m) => grabbers.some((member) => m.text.includes(`@${member}`))).length,
      resultMs: (Math.max(...toldAt.values()) - started) * K,
      told: toldAt.size,
      winners: orders,
    };
  } finally {
    await fleet.stop();
    await env.cleanup();
  }
}

/** (c) One private push to 500,000 members, each reached by the account serving them (a fifth by a second too). */
async function pushAcrossTheFleet() {
  const env = await createTestEnv(scaledEnv(1));
  const app = createAppContext(env.config);
  try {
    const ids = await registerAccounts(app);
    await app.db
      .$executeRaw`insert into members (wechat_id, name) select 'p' || g, '会员' || g from generate_series(1, ${PUSH_MEMBERS}::int) g`;
    const first = ids.get(accountName(0))!;
    // Member g is the friend of account (g mod 40); every fifth also of the next account (a later friend).
    await app.db.$executeRaw`
      insert into member_reach (member_id, account_id, source)
      select m.id, ${first}::int + (m.id % ${ACCOUNTS}::int), 'friend' from members m where m.wechat_id like 'p%'`;
    await app.db.$executeRaw`
      insert into member_reach (member_id, account_id, source, since)
      select m.id, ${first}::int + ((m.id + 1) % ${ACCOUNTS}::int), 'friend', now() + interval '1 minute'
      from members m where m.wechat_id like 'p%' and m.id % 5 = 0`;
    const members = await app.db.member.findMany({
      where: { wechatId: { startsWith: "p" } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    const load = new Map<string, number>();
    let unreachable = 0;
    const CHUNK = 10_000;
    for (let at = 0; at < members.length; at += CHUNK) {
      const messages: OutgoingMessage[] = members
        .slice(at, at + CHUNK)
        .map((m) => ({ kind: "push", to: { memberId: m.id }, text: "冬季新品", dedupeKey: `push:bench:${m.id}`, campaign: "bench" }));
      for (const decision of await resolveAccounts(app.db, messages, accountName(0))) {
        if (decision.account === null) unreachable += 1;
        else load.set(decision.account, (load.get(decision.account) ?? 0) + 1);
      }
    }
    const [busiest, most] = [...load].sort((a, b) => b[1] - a[1])[0]!;
    // The busiest account's deliveries through the real governor's daily cap, one day after another.
    const cap = env.config.outbox.dailyCaps.push;
    const governor = new Governor(app.redis, app.key, `${busiest}-${randomUUID()}`, env.config.outbox);
    let days = 0;
    for (let left = most; left > 0; ) {
      days += 1;
      const day = `bench-day-${days}`;
      while (left > 0 && (await governor.reserveDaily("push", day))) left -= 1;
    }
    const limit = PUSH_MEMBERS / (ACCOUNTS * cap);
    const perDayByRate = RATE_PER_MINUTE * 60 * 24;
    line(`(c) a private push to ${PUSH_MEMBERS.toLocaleString("en")} members over ${ACCOUNTS} accounts (push cap ${cap} a day each)`);
    line(
      `    routed: ${load.size} accounts, ${Math.min(...load.values())}–${most} members each, ${unreachable} no_account; done after ${days} days (the busiest, ${busiest}); limit ${PUSH_MEMBERS.toLocaleString("en")} ÷ (${ACCOUNTS} × ${cap}) = ${limit.toFixed(1)} days (${ratio(days, limit)}); the rate alone would allow ${perDayByRate.toLocaleString("en")} a day, so the caps bind; one account alone: ${Math.ceil(PUSH_MEMBERS / cap)} days (${(PUSH_MEMBERS / cap / 365).toFixed(1)} years)`,
    );
    if (unreachable !== 0) throw new Error(`${unreachable} members had no account`);
  } finally {
    await app.close();
    await env.cleanup();
  }
}
