// The outbox against real Redis and PostgreSQL: rate, priorities, retries, exactly-once, quiet hours,
// caps, opt-outs and the circuit breaker. A recording sender stands in for WeChat.
import { DelayedError, Worker } from "bullmq";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import type { Delivery } from "../../../../src/kernel/db/client.js";
import { NotReachableError } from "../../../../src/kernel/outbox/message-sender.js";
import { outboxJobId, outboxQueueName } from "../../../../src/kernel/outbox/outbox-queue.js";
import { createAccountOutboxWorker } from "../../../../src/kernel/outbox/outbox-sender.js";
import { waitForQueueIdle } from "../../../support/queue-idle.js";
import { RecordingSender } from "../../../support/recording-sender.js";
import { createTestApp } from "../../../support/test-app.js";

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(env: Record<string, string> = {}) {
  const { app, cleanup } = await createTestApp(env);
  const sender = new RecordingSender();
  let worker: Worker | undefined;
  cleanups.push(async () => {
    await worker?.close();
    await cleanup();
  });
  const room = await app.db.room.create({ data: { wechatRoomId: "vip@chatroom", topic: "VIP群" } });
  const member = await app.db.member.create({ data: { wechatId: "alice", name: "Alice" } });
  const start = () => {
    worker = createAccountOutboxWorker(app, { sender });
    return worker;
  };
  return { app, sender, room, member, start };
}

const deliveryOf = (app: AppContext, id: bigint) => app.db.delivery.findUniqueOrThrow({ where: { id } });
const deferralOf = ({ deferralKind, deferredUntil }: Pick<Delivery, "deferralKind" | "deferredUntil">) => ({ deferralKind, deferredUntil });

describe("the outbox", () => {
  it("sends 50 messages at 10/s in no less than 4 s, replies before marketing", async () => {
    const { app, sender, room, start } = await setup({ OUTBOX_RATE_PER_MINUTE: "600", OUTBOX_BURST: "1" });
    const messages = Array.from({ length: 50 }, (_, i) => ({
      kind: i % 2 === 0 ? ("announcement" as const) : ("reply" as const),
      to: { roomId: room.id },
      text: `${i % 2 === 0 ? "announcement" : "reply"} ${i}`,
    }));
    await app.outbox.sendMany(messages);
    const startedAt = Date.now();
    start();
    await sender.waitForCount(50, 30_000);
    const elapsed = sender.sends.at(-1)!.at - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(4000);
    const kinds = sender.sends.map((s) => s.text.split(" ")[0]);
    expect(kinds.slice(0, 25)).toEqual(Array(25).fill("reply"));
    expect(kinds.slice(25)).toEqual(Array(25).fill("announcement"));
    await expect.poll(() => app.db.delivery.count({ where: { status: "sent" } })).toBe(50);
  });

  it("retries a failed send with back-off and delivers it exactly once", async () => {
    const { app, sender, member, start } = await setup();
    sender.failNext("你好", 2);
    const { deliveryId } = await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: "你好" });
    start();
    await sender.waitForCount(1);
    await expect.poll(async () => (await deliveryOf(app, deliveryId)).status).toBe("sent");
    expect(sender.sends.filter((s) => s.text === "你好")).toHaveLength(1);
    expect(await deliveryOf(app, deliveryId)).toMatchObject({ attempts: 3, reason: null });
    // Enqueueing the same delivery again (a retry from elsewhere) sends nothing more.
    await app.outboxQueue.add("reply", { deliveryId: deliveryId.toString() }, { jobId: `${outboxJobId(deliveryId)}-again` });
    await expect.poll(() => app.outboxQueue.getJobState(`${outboxJobId(deliveryId)}-again`)).toBe("completed");
    expect(sender.sends).toHaveLength(1);
  });

  it("marks a send interrupted by a crash as uncertain and never sends it again", async () => {
    const { app, sender, member, start } = await setup();
    const { deliveryId } = await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: "半路" });
    await app.db.delivery.update({ where: { id: deliveryId }, data: { status: "sending" } });
    start();
    await expect.poll(async () => (await deliveryOf(app, deliveryId)).status).toBe("uncertain");
    expect(sender.sends).toHaveLength(0);
  });

  it("queues rows stranded without a job once, and looks at each row only once", async () => {
    const { app, sender, room, start } = await setup();
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    const stranded = await app.db.delivery.create({
      data: { account: app.config.account, kind: "notice", roomId: room.id, text: "掉队的消息", createdAt: twoMinutesAgo },
    });
    const queuedNormally = await app.outbox.send({ kind: "notice", to: { roomId: room.id }, text: "正常的消息" });
    await app.db.delivery.update({ where: { id: queuedNormally.deliveryId }, data: { createdAt: twoMinutesAgo } });
    const cutoff = new Date(Date.now() - 60_000);
    expect(await app.outbox.requeueStranded(cutoff)).toBe(1);
    expect(await app.outbox.requeueStranded(cutoff)).toBe(0); // the cursor moved past both
    start();
    await sender.waitForCount(2);
    expect(sender.sends.map((s) => s.text).sort()).toEqual(["掉队的消息", "正常的消息"].sort());
    await expect.poll(async () => (await deliveryOf(app, stranded.id)).status).toBe("sent");
  });

  it("retries failed jobs whose row is still queued, before and behind the sweep's cursor; leaves settled ones", async () => {
    const { app, sender, room, start } = await setup({ OUTBOX_ATTEMPTS: "1" });
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    const [early, late, settled] = await app.outbox.sendMany(
      ["先失败的", "游标之后失败的", "已失败的"].map((text) => ({ kind: "notice" as const, to: { roomId: room.id }, text })),
    );
    await app.db.delivery.updateMany({ data: { createdAt: twoMinutesAgo } });
    // Jobs that spend their attempts while the row cannot be written (the database was away): a
    // stand-in worker fails them without touching the rows. `late` fails only after the sweep passed.
    const failing = new Set([outboxJobId(early!.deliveryId), outboxJobId(settled!.deliveryId)]);
    const outage = new Worker(
      outboxQueueName(app.config.account),
      async (job) => {
        if (!failing.has(job.id!)) return job.moveToDelayed(Date.now() + 60_000, job.token).then(() => Promise.reject(new DelayedError()));
        throw new Error("database unreachable");
      },
      { connection: app.redis, prefix: app.config.redis.prefix },
    );
    await expect.poll(() => app.outboxQueue.getJobCounts("failed").then((c) => c.failed)).toBe(2);
    await app.db.delivery.update({ where: { id: settled!.deliveryId }, data: { status: "failed", reason: "send_error: 被拒" } });

    const cutoff = new Date(Date.now() - 60_000);
    expect(await app.outbox.requeueStranded(cutoff)).toBe(1); // early: its job failed, its row is queued
    failing.add(outboxJobId(late!.deliveryId));
    await app.outboxQueue.promoteJobs();
    await expect.poll(() => app.outboxQueue.getJobState(outboxJobId(late!.deliveryId))).toBe("failed");
    await outage.close();
    await expect.poll(() => app.outboxQueue.getJobState(outboxJobId(early!.deliveryId))).toBe("failed"); // the outage went on
    expect(await app.outbox.requeueStranded(cutoff)).toBe(0); // the cursor moved past all three
    expect(await app.outbox.retryFailed()).toBe(2); // late (behind the cursor) and early again; settled stays failed

    start();
    await sender.waitForCount(2);
    await expect.poll(async () => (await deliveryOf(app, late!.deliveryId)).status).toBe("sent");
    expect(await deliveryOf(app, early!.deliveryId)).toMatchObject({ status: "sent" });
    expect(await deliveryOf(app, settled!.deliveryId)).toMatchObject({ status: "failed" });
    expect(sender.sends.map((s) => s.text).sort()).toEqual(["先失败的", "游标之后失败的"].sort());
    expect(await app.outbox.retryFailed()).toBe(0);
  });

  it("sends one delivery per dedupe key", async () => {
    const { app, sender, room, start } = await setup();
    const first = await app.outbox.send({ kind: "notice", to: { roomId: room.id }, text: "开抢", dedupeKey: "flash:1:open" });
    const again = await app.outbox.send({ kind: "notice", to: { roomId: room.id }, text: "开抢", dedupeKey: "flash:1:open" });
    expect(again).toEqual({ deliveryId: first.deliveryId, created: false });
    start();
    await sender.waitForCount(1);
    await waitForQueueIdle(app.outboxQueue); // every job queued so far has run: a second send would be in
    expect(sender.sends).toHaveLength(1);
  });

  it("defers marketing during quiet hours but not replies", async () => {
    const now = DateTime.now().setZone("Asia/Shanghai");
    const window = `${now.minus({ hours: 1 }).toFormat("HH:mm")}-${now.plus({ hours: 1 }).toFormat("HH:mm")}`;
    const { app, sender, member, start } = await setup({ QUIET_HOURS: window });
    const push = await app.outbox.send({ kind: "push", to: { memberId: member.id }, text: "深夜大促" });
    const reply = await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: "回复照发" });
    start();
    await sender.waitForCount(1);
    await expect.poll(async () => (await deliveryOf(app, push.deliveryId)).deferralKind).toBe("quiet_hours");
    expect(sender.sends.map((s) => s.text)).toEqual(["回复照发"]);
    await expect.poll(async () => (await deliveryOf(app, reply.deliveryId)).status).toBe("sent");
    const job = await app.outboxQueue.getJob(outboxJobId(push.deliveryId));
    expect(await job!.getState()).toBe("delayed");
    const windowEnd = now.plus({ hours: 1 }).startOf("minute").toMillis();
    expect(job!.timestamp + (job!.delay ?? 0)).toBeGreaterThanOrEqual(windowEnd - 1000);
    // The deferral is structured: why (quiet hours) and until when (the window's end), not text to parse.
    expect(await deliveryOf(app, push.deliveryId)).toMatchObject({
      status: "queued",
      deferralKind: "quiet_hours",
      deferredUntil: new Date(windowEnd),
      reason: null,
    });
    expect(await deliveryOf(app, reply.deliveryId)).toMatchObject({ deferralKind: null, deferredUntil: null });
  });

  it("skips marketing that quiet hours would carry past its validity, and anything already expired", async () => {
    const now = DateTime.now().setZone("Asia/Shanghai");
    const window = `${now.minus({ hours: 1 }).toFormat("HH:mm")}-${now.plus({ hours: 1 }).toFormat("HH:mm")}`;
    const { app, sender, member, room, start } = await setup({ QUIET_HOURS: window });
    const saleEnds = now.plus({ minutes: 30 }).toJSDate();
    const stale = await app.outbox.send({ kind: "announcement", to: { roomId: room.id }, text: "秒杀开始", validUntil: saleEnds });
    const lasting = await app.outbox.send({
      kind: "announcement",
      to: { roomId: room.id },
      text: "明早也有效",
      validUntil: now.plus({ hours: 3 }).toJSDate(),
    });
    const late = await app.outbox.send({
      kind: "reply",
      to: { memberId: member.id },
      text: "过期回复",
      validUntil: new Date(Date.now() - 1000),
    });
    const reply = await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: "回复照发" });
    start();
    await sender.waitForCount(1);
    await expect.poll(async () => (await deliveryOf(app, stale.deliveryId)).status).toBe("skipped");
    expect(await deliveryOf(app, stale.deliveryId)).toMatchObject({ reason: "quiet_hours_expired", validUntil: saleEnds });
    await expect.poll(async () => (await deliveryOf(app, lasting.deliveryId)).deferralKind).toBe("quiet_hours");
    expect(await deliveryOf(app, late.deliveryId)).toMatchObject({ status: "skipped", reason: "expired" });
    await expect.poll(async () => (await deliveryOf(app, reply.deliveryId)).status).toBe("sent");
    expect(sender.sends.map((s) => s.text)).toEqual(["回复照发"]);
  });

  it("defers marketing over the account's daily cap to the next community day unless that is past its validity", async () => {
    const { app, sender, room, start } = await setup({ OUTBOX_DAILY_CAPS: "announcement=1" });
    const first = await app.outbox.send({ kind: "announcement", to: { roomId: room.id }, text: "公告 1" });
    start();
    await sender.waitForCount(1);
    const later = await app.outbox.send({ kind: "announcement", to: { roomId: room.id }, text: "公告 2" });
    const shortLived = await app.outbox.send({
      kind: "announcement",
      to: { roomId: room.id },
      text: "公告 3",
      validUntil: new Date(Date.now() + 60_000),
    });
    const tomorrow = DateTime.now().setZone("Asia/Shanghai").startOf("day").plus({ days: 1 });
    await expect
      .poll(async () => deferralOf(await deliveryOf(app, later.deliveryId)))
      .toEqual({ deferralKind: "daily_cap", deferredUntil: tomorrow.toJSDate() });
    // The row's deferral is written just before the job moves: wait for the move, then read the job.
    await expect.poll(async () => app.outboxQueue.getJobState(outboxJobId(later.deliveryId))).toBe("delayed");
    const job = await app.outboxQueue.getJob(outboxJobId(later.deliveryId));
    expect(job!.timestamp + (job!.delay ?? 0)).toBeGreaterThanOrEqual(tomorrow.toMillis() - 1000);
    await expect.poll(async () => (await deliveryOf(app, shortLived.deliveryId)).status).toBe("skipped");
    expect(await deliveryOf(app, shortLived.deliveryId)).toMatchObject({ reason: "daily_cap" });
    expect(await deliveryOf(app, first.deliveryId)).toMatchObject({ status: "sent" });
    expect(await deliveryOf(app, later.deliveryId)).toMatchObject({ status: "queued" });
    expect(sender.sends.map((s) => s.text)).toEqual(["公告 1"]);
  });

  it("skips marketing to an opted-out member, and past the member's and the account's caps", async () => {
    const { app, sender, member, room, start } = await setup({ OUTBOX_DAILY_CAPS: "notice=2" });
    const other = await app.db.member.create({ data: { wechatId: "olive", name: "Olive", optedOutAt: new Date() } });
    const first = await app.outbox.send({ kind: "push", to: { memberId: member.id }, text: "push 1" });
    const optedOut = await app.outbox.send({ kind: "campaign", to: { memberId: other.id }, text: "win-back" });
    const notices = await app.outbox.sendMany(
      [1, 2, 3].map((n) => ({ kind: "notice" as const, to: { roomId: room.id }, text: `notice ${n}` })),
    );
    start();
    await sender.waitForCount(3);
    const second = await app.outbox.send({ kind: "campaign", to: { memberId: member.id }, text: "push 2" });
    await expect.poll(async () => (await deliveryOf(app, second.deliveryId)).status).toBe("skipped");
    expect(await deliveryOf(app, second.deliveryId)).toMatchObject({ reason: "member_cap" });
    expect(await deliveryOf(app, first.deliveryId)).toMatchObject({ status: "sent" });
    expect(await deliveryOf(app, optedOut.deliveryId)).toMatchObject({ status: "skipped", reason: "opt_out" });
    const noticeRows = await Promise.all(notices.map((n) => deliveryOf(app, n.deliveryId)));
    expect(noticeRows.map((r) => r.status)).toEqual(["sent", "sent", "skipped"]);
    expect(noticeRows[2]!.reason).toBe("daily_cap");
    expect(sender.sends.map((s) => s.text).sort()).toEqual(["notice 1", "notice 2", "push 1"]);
  });

  it("skips recipients who cannot be reached without counting them toward the circuit breaker", async () => {
    const { app, sender, room, start } = await setup({ CIRCUIT_FAILURES: "2", OUTBOX_ATTEMPTS: "1" });
    const strangers = await Promise.all(["s1", "s2", "s3"].map((wechatId) => app.db.member.create({ data: { wechatId, name: wechatId } })));
    sender.failNext("只发好友", 3, (target) => new NotReachableError(target));
    const unreachable = await app.outbox.sendMany(
      strangers.map((m) => ({ kind: "push" as const, to: { memberId: m.id }, text: "只发好友" })),
    );
    start();
    for (const { deliveryId } of unreachable) {
      await expect.poll(async () => (await deliveryOf(app, deliveryId)).status).toBe("skipped");
      expect(await deliveryOf(app, deliveryId)).toMatchObject({ reason: "not_reachable" });
    }
    expect(await app.governor.circuitOpenForMs()).toBe(0);
    await app.outbox.send({ kind: "announcement", to: { roomId: room.id }, text: "营销照常" });
    await sender.waitForCount(1);
    expect(sender.sends.map((s) => s.text)).toEqual(["营销照常"]);
  });

  it("opens the circuit breaker after repeated failures: marketing waits, replies go on", async () => {
    const { app, sender, member, room, start } = await setup({ CIRCUIT_FAILURES: "2", OUTBOX_ATTEMPTS: "1" });
    sender.failNext("坏1", 1);
    sender.failNext("坏2", 1);
    const bad = await app.outbox.sendMany([
      { kind: "notice", to: { roomId: room.id }, text: "坏1" },
      { kind: "notice", to: { roomId: room.id }, text: "坏2" },
    ]);
    start();
    await expect.poll(async () => (await deliveryOf(app, bad[1]!.deliveryId)).status).toBe("failed");
    // The row is marked failed just before the failure is counted: wait for the breaker itself.
    await expect.poll(() => app.governor.circuitOpenForMs()).toBeGreaterThan(0);
    const push = await app.outbox.send({ kind: "announcement", to: { roomId: room.id }, text: "营销" });
    const reply = await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: "照常回复" });
    await sender.waitForCount(1);
    await expect.poll(async () => (await deliveryOf(app, push.deliveryId)).deferralKind).toBe("circuit_open");
    expect(sender.sends.map((s) => s.text)).toEqual(["照常回复"]);
    await expect.poll(async () => (await deliveryOf(app, reply.deliveryId)).status).toBe("sent");
  });

  it("clears a deferral once the delivery is sent", async () => {
    const { app, sender, room, start } = await setup({ CIRCUIT_FAILURES: "1", OUTBOX_ATTEMPTS: "1" });
    sender.failNext("坏", 1);
    await app.outbox.send({ kind: "notice", to: { roomId: room.id }, text: "坏" });
    start();
    await expect.poll(() => app.governor.circuitOpenForMs()).toBeGreaterThan(0);
    const push = await app.outbox.send({ kind: "announcement", to: { roomId: room.id }, text: "营销" });
    await expect.poll(async () => app.outboxQueue.getJobState(outboxJobId(push.deliveryId))).toBe("delayed");
    const deferred = await deliveryOf(app, push.deliveryId);
    expect(deferred).toMatchObject({ status: "queued", deferralKind: "circuit_open" });
    expect(deferred.deferredUntil!.getTime()).toBeGreaterThan(Date.now());
    // The breaker closes (its cool-down is a minute at least: ended by hand) and the job falls due.
    await app.redis.del(app.key("governor", app.config.account, "circuit-open"));
    await (await app.outboxQueue.getJob(outboxJobId(push.deliveryId)))!.promote();
    await sender.waitForCount(1);
    await expect.poll(async () => (await deliveryOf(app, push.deliveryId)).status).toBe("sent");
    expect(await deliveryOf(app, push.deliveryId)).toMatchObject({ deferralKind: null, deferredUntil: null });
  });

  it("clears a deferral once the delivery is skipped", async () => {
    const now = DateTime.now().setZone("Asia/Shanghai");
    const window = `${now.minus({ hours: 1 }).toFormat("HH:mm")}-${now.plus({ hours: 1 }).toFormat("HH:mm")}`;
    const { app, member, start } = await setup({ QUIET_HOURS: window });
    const push = await app.outbox.send({ kind: "push", to: { memberId: member.id }, text: "深夜大促" });
    start();
    await expect.poll(async () => app.outboxQueue.getJobState(outboxJobId(push.deliveryId))).toBe("delayed");
    expect(await deliveryOf(app, push.deliveryId)).toMatchObject({ status: "queued", deferralKind: "quiet_hours" });
    // The member opts out while the push waits: when it falls due, it is skipped, and waits no more.
    await app.db.member.update({ where: { id: member.id }, data: { optedOutAt: new Date() } });
    await (await app.outboxQueue.getJob(outboxJobId(push.deliveryId)))!.promote();
    await expect.poll(async () => (await deliveryOf(app, push.deliveryId)).status).toBe("skipped");
    expect(await deliveryOf(app, push.deliveryId)).toMatchObject({ reason: "opt_out", deferralKind: null, deferredUntil: null });
  });
});
