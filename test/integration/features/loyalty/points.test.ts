// The points ledger against the real database: earning on a paid order (idempotent under replay),
// reversal on refund never below what is left unspent, 签到 once a day with the day-7 bonus, expiry
// oldest first with the 7-day reminder, and a level-up on a paid order told privately.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderSettled } from "../../../../jobs/order-settled.js";
import {
  addExchangeItem,
  checkIn,
  expirePoints,
  readPoints,
  redeemExchangeItem,
  runLoyaltyNightly,
  settleOrderPoints,
} from "../../../../src/features/loyalty/index.js";
import { recordOrder, updateOrderStatus } from "../../../../src/features/orders/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;

describe("points ledger", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  let now = new Date("2026-12-02T04:00:00Z");
  const clock = { now: () => now };
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ POINTS_REMIND_DAYS: "7" }, clock));
  });
  afterAll(async () => cleanup?.());

  const member = async (wechatId: string) => app.db.member.create({ data: { wechatId, name: wechatId } });
  const bind = async (memberId: number, customerId: string) =>
    app.db.customerLink.create({ data: { shopCustomerId: customerId, memberId, linkedAt: now } });
  const entries = (memberId: number) => app.db.pointEntry.findMany({ where: { memberId }, orderBy: { id: "asc" } });
  const balance = async (memberId: number) => (await readPoints(app, { memberId, at: now })).balance;
  /** Runs the jobs the orders feature queued, as a worker would. */
  const runOrderJobs = async () => {
    const jobs = await app.jobs.queue("order-settled").getJobs(["waiting", "delayed"]);
    for (const job of jobs) {
      await orderSettled.handle(orderSettled.payload.parse(job.data), app, { id: job.id!, attemptsMade: 0 });
      await job.remove();
    }
    return jobs.length;
  };

  it("earns ¥1 = 1 point on a paid order once, however often the shop replays it", async () => {
    const m = await member("earner");
    await bind(m.id, "c-earner");
    const order = { orderId: "shop-1", customerId: "c-earner", amountCents: 12_850, status: "paid" as const };
    await recordOrder(app, order, now);
    await recordOrder(app, order, now);
    expect(await runOrderJobs()).toBe(1);
    const created = await app.db.order.findUniqueOrThrow({ where: { externalId: "shop-1" } });
    // A retried job and the nightly sweep write nothing more.
    await settleOrderPoints(app, { orderId: created.id, at: now });
    await runLoyaltyNightly(app, { at: now });
    expect((await entries(m.id)).map((e) => [e.source, e.points])).toEqual([["order", 128]]);
    const [earned] = await entries(m.id);
    expect(earned!.expiresAt!.toISOString()).toBe("2027-12-02T04:00:00.000Z");
    expect(await balance(m.id)).toBe(128);
  });

  it("reverses a refunded order's points in full when unspent", async () => {
    const m = await member("refunder");
    await bind(m.id, "c-refunder");
    await recordOrder(app, { orderId: "shop-2", customerId: "c-refunder", amountCents: 30_000, status: "paid" }, now);
    await runOrderJobs();
    expect(await balance(m.id)).toBe(300);
    await updateOrderStatus(app, { orderId: "shop-2", status: "refunded" }, now);
    await runOrderJobs();
    await runLoyaltyNightly(app, { at: now });
    expect((await entries(m.id)).map((e) => [e.source, e.points])).toEqual([
      ["order", 300],
      ["order_reversal", -300],
    ]);
    expect(await balance(m.id)).toBe(0);
  });

  it("takes back only what is left unspent when the points were already exchanged; never below zero", async () => {
    const m = await member("spender");
    await bind(m.id, "c-spender");
    await recordOrder(app, { orderId: "shop-3", customerId: "c-spender", amountCents: 50_000, status: "paid" }, now);
    await runOrderJobs();
    const item = await addExchangeItem(app, { name: "满200减30", points: 400 });
    if (item.kind !== "added") throw new Error("not added");
    expect(await redeemExchangeItem(app, { memberId: m.id, itemId: item.item.id, at: now })).toMatchObject({
      kind: "redeemed",
      balance: 100,
    });
    await updateOrderStatus(app, { orderId: "shop-3", status: "refunded" }, now);
    await runOrderJobs();
    const reversal = (await entries(m.id)).find((e) => e.source === "order_reversal")!;
    expect(reversal.points).toBe(-100);
    expect(reversal.note).toContain("已用 400 分");
    expect(await balance(m.id)).toBe(0);
  });

  it("checks in once a community day and adds the bonus on the 7th day in a row", async () => {
    const m = await member("checker");
    const start = new Date("2026-11-01T01:00:00Z"); // 09:00 in Shanghai
    const outcomes = [];
    for (let day = 0; day < 7; day++) outcomes.push(await checkIn(app, { memberId: m.id, at: new Date(start.getTime() + day * DAY) }));
    expect(outcomes.map((o) => o.kind === "checkedIn" && o.streak)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(outcomes[6]).toMatchObject({ kind: "checkedIn", points: 5, bonus: 20 });
    // Twice the same day, even racing: one check-in.
    const again = await Promise.all(
      [1, 2, 3].map(() => checkIn(app, { memberId: m.id, at: new Date(start.getTime() + 6 * DAY + 3_600_000) })),
    );
    expect(again.every((o) => o.kind === "alreadyCheckedIn")).toBe(true);
    // 23:30 Shanghai of day 7 and 00:30 the next community day are two days, though 1 h apart.
    const lateNight = new Date("2026-11-07T15:30:00Z");
    expect((await checkIn(app, { memberId: m.id, at: lateNight })).kind).toBe("alreadyCheckedIn");
    expect(await checkIn(app, { memberId: m.id, at: new Date(lateNight.getTime() + 3_600_000) })).toMatchObject({ streak: 8 });
    // A gap starts again at 1.
    expect(await checkIn(app, { memberId: m.id, at: new Date(start.getTime() + 10 * DAY) })).toMatchObject({ streak: 1 });
    const all = await entries(m.id);
    expect(all.filter((e) => e.source === "checkin")).toHaveLength(9);
    expect(all.filter((e) => e.source === "checkin_streak").map((e) => e.points)).toEqual([20]);
  });

  it("expires points oldest first, after spending took from the oldest, and reminds 7 days before", async () => {
    const m = await member("expirer");
    const old = new Date("2025-11-20T04:00:00Z"); // expires 2026-11-20
    const newer = new Date("2025-12-06T04:00:00Z"); // expires 2026-12-06
    await app.db.pointEntry.createMany({
      data: [
        { memberId: m.id, points: 100, source: "adjust", ref: "a", at: old, expiresAt: new Date("2026-11-20T04:00:00Z") },
        { memberId: m.id, points: 80, source: "adjust", ref: "b", at: newer, expiresAt: new Date("2026-12-06T04:00:00Z") },
        { memberId: m.id, points: -30, source: "redeem", ref: "x1", at: new Date("2026-01-10T04:00:00Z") },
      ],
    });
    // The expired lot no longer counts even before the sweep ran.
    expect(await balance(m.id)).toBe(80);
    const first = await expirePoints(app, { at: now });
    const again = await expirePoints(app, { at: now });
    expect(first.expired).toBe(70);
    expect(again.expired).toBe(0);
    const expiry = (await entries(m.id)).filter((e) => e.source === "expiry");
    expect(expiry.map((e) => e.points)).toEqual([-70]);
    expect(await balance(m.id)).toBe(80);
    // The 80 points expiring on 12-06 are within 7 days: one reminder, however often the sweep runs.
    const reminders = await app.db.delivery.findMany({ where: { memberId: m.id, campaign: "points-expiry" } });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.kind).toBe("reminder");
    expect(reminders[0]!.text).toContain("80 积分将于 12-06 过期");
    // After its day the lot expires too, and the balance is 0.
    now = new Date("2026-12-07T04:00:00Z");
    await expirePoints(app, { at: now });
    expect(await balance(m.id)).toBe(0);
    expect((await entries(m.id)).reduce((s, e) => s + e.points, 0)).toBe(0);
    now = new Date("2026-12-02T04:00:00Z");
  });

  it("moves a member up a level on a paid order and tells them privately, once", async () => {
    const m = await member("climber");
    await bind(m.id, "c-climber");
    await recordOrder(app, { orderId: "shop-4", customerId: "c-climber", amountCents: 60_000, status: "paid" }, now);
    await runOrderJobs();
    expect(await app.db.memberLevel.findUniqueOrThrow({ where: { memberId: m.id } })).toMatchObject({ level: "普通", spendCents: 60_000 });
    await recordOrder(app, { orderId: "shop-5", customerId: "c-climber", amountCents: 45_000, status: "paid" }, now);
    await runOrderJobs();
    expect(await app.db.memberLevel.findUniqueOrThrow({ where: { memberId: m.id } })).toMatchObject({ level: "银卡", spendCents: 105_000 });
    await runLoyaltyNightly(app, { at: now });
    const notices = await app.db.delivery.findMany({ where: { memberId: m.id, campaign: "level-up" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("恭喜升级为「银卡」会员");
    expect(notices[0]!.roomId).toBeNull();
  });
});
