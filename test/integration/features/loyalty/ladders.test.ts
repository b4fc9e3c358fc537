// Spend ladders against the real database: a rung is granted once when the window's paid spend crosses
// it (its coupon issued, the member told privately), reversed when a refund takes the member back below
// before the window closes (an unused coupon withdrawn), and regained by a later order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderSettled } from "../../../../jobs/order-settled.js";
import { createSpendLadder, listSpendLadders } from "../../../../src/features/loyalty/index.js";
import { parseLadderWords } from "../../../../src/features/loyalty/rules/ladder-args.js";
import { recordOrder, updateOrderStatus } from "../../../../src/features/orders/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

describe("spend ladders (阶梯奖励)", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  const now = new Date("2027-01-10T04:00:00Z");
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({}, { now: () => now }));
  });
  afterAll(async () => cleanup?.());

  const runOrderJobs = async () => {
    for (const job of await app.jobs.queue("order-settled").getJobs(["waiting", "delayed"])) {
      await orderSettled.handle(orderSettled.payload.parse(job.data), app, { id: job.id!, attemptsMade: 0 });
      await job.remove();
    }
  };

  it("grants a rung once, reverses it on a refund inside the window, and grants it again when regained", async () => {
    const parsed = parseLadderWords(["开门红", "1月1日-2月28日", "3000:满200减30", "5000:升级包"], { now, zone: "Asia/Shanghai" });
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.draft.startsAt.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    const created = await createSpendLadder(app, parsed.draft);
    expect(created.kind).toBe("created");
    expect((await createSpendLadder(app, parsed.draft)).kind).toBe("nameTaken");

    const m = await app.db.member.create({ data: { wechatId: "lad", name: "lad" } });
    await app.db.customerLink.create({ data: { shopCustomerId: "c-lad", memberId: m.id, linkedAt: now } });
    const pay = async (orderId: string, cents: number) => {
      await recordOrder(app, { orderId, customerId: "c-lad", amountCents: cents, status: "paid", paidAt: now.toISOString() }, now);
      await runOrderJobs();
    };
    const grants = () => app.db.ladderGrant.findMany({ where: { memberId: m.id }, orderBy: { rungCents: "asc" } });

    await pay("l-1", 200_000);
    expect(await grants()).toHaveLength(0);
    await pay("l-2", 150_000); // 3,500 yuan: the first rung
    await pay("l-3", 10_000); // again past it: nothing new
    let held = await grants();
    expect(held.map((g) => [g.rungCents, g.reward, g.reversedAt])).toEqual([[300_000, "满200减30", null]]);
    const coupon = await app.db.coupon.findUniqueOrThrow({ where: { id: held[0]!.couponId! } });
    expect(coupon.campaign).toMatch(/^ladder:/);
    const told = await app.db.delivery.findMany({ where: { memberId: m.id, campaign: { startsWith: "ladder:" } } });
    expect(told.map((d) => d.text)).toEqual([expect.stringContaining(`累计消费满 3,000 元，送你「满200减30」，券码：${coupon.code}`)]);

    // A refund takes the window's spend to 2,100: the rung is reversed and its unused coupon withdrawn.
    await updateOrderStatus(app, { orderId: "l-2", status: "refunded" }, now);
    await runOrderJobs();
    held = await grants();
    expect(held[0]!.reversedAt).not.toBeNull();
    expect((await app.db.coupon.findUniqueOrThrow({ where: { id: coupon.id } })).expiredAt).not.toBeNull();
    expect((await listSpendLadders(app, { at: now }))[0]!.rungs.map((r) => r.granted)).toEqual([0, 0]);

    // Regained, and the second rung (a gift name, no template) too.
    await pay("l-4", 300_000);
    held = await grants();
    expect(held.map((g) => [g.rungCents, g.reversedAt, g.couponId === null])).toEqual([
      [300_000, null, false],
      [500_000, null, true],
    ]);
    expect(held[0]!.couponId).not.toBe(coupon.id);
    expect((await listSpendLadders(app, { at: now }))[0]!.rungs.map((r) => r.granted)).toEqual([1, 1]);
    // The gift rung is a gift order for operators, once; a refund below it before it is sent cancels it.
    const giftOrders = () => app.db.giftOrder.findMany({ where: { memberId: m.id } });
    expect((await giftOrders()).map((g) => [g.giftName, g.status])).toEqual([["升级包", "pending"]]);
    // The member's notice names the gift order an operator will hand it out by.
    const [gift] = await giftOrders();
    const giftNotice = await app.db.delivery.findMany({ where: { memberId: m.id, text: { contains: "升级包" } } });
    expect(giftNotice.map((d) => d.text)).toEqual([expect.stringContaining(`客服会联系你发放（礼品单 ${gift!.id}）`)]);
    await pay("l-5", 100); // past both rungs again: nothing new
    expect(await giftOrders()).toHaveLength(1);
    await updateOrderStatus(app, { orderId: "l-4", status: "refunded" }, now);
    await runOrderJobs();
    expect((await giftOrders()).map((g) => g.status)).toEqual(["cancelled"]);
  });

  it("refuses bad windows and rungs with a short reason", () => {
    const at = { now, zone: "Asia/Shanghai" };
    expect(parseLadderWords(["x", "2月30日-3月1日", "3000:券"], at)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("日期不存在"),
    });
    expect(parseLadderWords(["x", "1月1日", "3000:券"], at)).toMatchObject({ ok: false });
    expect(parseLadderWords(["x", "1月1日-2月1日", "三千:券"], at)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("金额:奖励"),
    });
    expect(parseLadderWords(["x", "1-1-2-28", "3000:券", "5000:包"], at)).toMatchObject({ ok: true });
  });
});
