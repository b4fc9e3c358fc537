// What a crash or a lost job leaves behind, made good: a moved sale's new reminder, an expiry that died
// between marking the order and returning its unit, timers and endings the sweep catches up on, private
// grabs that must come from one of the sale's rooms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The gate is the feature's own: the tests look inside.
import { FLASH_GATE } from "../../../../src/features/flash-sales/flash-gate.js";
import {
  cancelFlashSale,
  expireUnpaidOrder,
  grabFlashSale,
  moveFlashSale,
  openSalesFor,
  runFlashSaleStep,
  sweepFlashSales,
} from "../../../../src/features/flash-sales/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createSalesFixture, type SalesFixture } from "../../../support/sales-fixture.js";

describe("flash sales after crashes and lost jobs", () => {
  let app: AppContext;
  let roomId: number;
  let memberIds: number[];
  let fixture: SalesFixture | undefined;

  beforeAll(async () => {
    fixture = await createSalesFixture(20);
    ({ app, roomId, memberIds } = fixture);
  });
  afterAll(async () => fixture?.cleanup());

  const newSale = (stock: number, window: { startsInMs?: number; lastsMs?: number } = {}) => fixture!.newSale(stock, window);

  async function winOne(saleId: number, memberId: number) {
    const won = await grabFlashSale(app, { saleId, memberId, roomId });
    if (won.kind !== "won") throw new Error(won.kind);
    return app.db.order.findUniqueOrThrow({ where: { orderNo: won.orderNo } });
  }

  it("every announcement carries when it goes stale: the sale's end, the result a few hours after", async () => {
    const sale = await newSale(1);
    await winOne(sale.id, memberIds[1]!);
    expect(await runFlashSaleStep(app, { saleId: sale.id, step: "end", at: sale.endsAt.getTime() })).toEqual({ kind: "ended" });
    const rows = await app.db.delivery.findMany({ where: { campaign: `flash:${sale.id}`, kind: "announcement" } });
    const byStep = (step: string) => rows.find((r) => r.dedupeKey!.startsWith(`flash:${sale.id}:${step}`))!;
    expect(byStep("preview").validUntil).toEqual(sale.endsAt);
    expect(byStep("soldout").validUntil).toEqual(sale.endsAt);
    const result = byStep("result").validUntil!.getTime();
    expect(result - app.clock.now().getTime()).toBeGreaterThan(2 * 3_600_000);
    // What a member asked for (the win, told privately) never goes stale.
    expect((await app.db.delivery.findFirstOrThrow({ where: { campaign: `flash:${sale.id}`, kind: "notice" } })).validUntil).toBeNull();
  });

  it("a sale moved after its reminder went out gets the new reminder too", async () => {
    const sale = await newSale(5, { startsInMs: 3_600_000 });
    const reminderAt = sale.startsAt.getTime() - app.config.sales.reminderMs;
    expect(await runFlashSaleStep(app, { saleId: sale.id, step: "reminder", at: reminderAt })).toEqual({ kind: "announced" });
    const startsAt = new Date(sale.startsAt.getTime() + 7_200_000);
    expect((await moveFlashSale(app, sale.id, { startsAt })).kind).toBe("moved");
    expect(
      await runFlashSaleStep(app, { saleId: sale.id, step: "reminder", at: startsAt.getTime() - app.config.sales.reminderMs }),
    ).toEqual({ kind: "announced" });
    // A rerun of either sends nothing more.
    expect(
      await runFlashSaleStep(app, { saleId: sale.id, step: "reminder", at: startsAt.getTime() - app.config.sales.reminderMs }),
    ).toEqual({ kind: "announced" });
    expect(await app.db.delivery.count({ where: { dedupeKey: { startsWith: `flash:${sale.id}:reminder:` } } })).toBe(2);
  });

  it("an expiry that died after marking the order: the retry returns the unit, exactly once", async () => {
    const sale = await newSale(1);
    const order = await winOne(sale.id, memberIds[2]!);
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(0);
    // The crash: the order is expired, the gate never heard of it.
    await app.db.order.update({ where: { id: order.id }, data: { status: "expired" } });
    expect(await expireUnpaidOrder(app, order.id)).toMatchObject({ kind: "expired", restocked: true, wasSoldOut: true });
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(1);
    expect(await expireUnpaidOrder(app, order.id)).toEqual({ kind: "notPending" });
    expect((await sweepFlashSales(app, { graceMs: 0 })).ordersExpired).toBe(0);
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(1);
    expect((await app.db.order.findUniqueOrThrow({ where: { id: order.id } })).stockReleasedAt).not.toBeNull();
    expect(await app.db.delivery.count({ where: { dedupeKey: `flash:${sale.id}:restock:${order.id}:room:${roomId}` } })).toBe(1);
  });

  it("an expiry that died after the release but before recording it: the sweep does not release twice", async () => {
    const sale = await newSale(2);
    const order = await winOne(sale.id, memberIds[3]!);
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(1);
    await app.db.order.update({ where: { id: order.id }, data: { status: "expired" } });
    await app.scoped(FLASH_GATE).release(sale.id, order.memberId!, order.id, app.clock.now());
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(2);
    expect((await sweepFlashSales(app, { graceMs: 0 })).ordersExpired).toBe(1);
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(2);
    expect((await app.db.order.findUniqueOrThrow({ where: { id: order.id } })).stockReleasedAt).not.toBeNull();
  });

  it("a gate rebuilt after such a crash counts the expired order once", async () => {
    const sale = await newSale(1);
    const order = await winOne(sale.id, memberIds[4]!);
    await app.db.order.update({ where: { id: order.id }, data: { status: "expired" } });
    for (const part of ["meta", "left", "taken", "seq", "released"]) await app.redis.del(app.key("flash", sale.id, part));
    // A grab rebuilds the gate from the orders: the expired unit is on sale again.
    expect((await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[5]!, roomId })).kind).toBe("won");
    expect(await expireUnpaidOrder(app, order.id)).toMatchObject({ kind: "expired", restocked: false });
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(0);
  });

  it("the sweep expires an unpaid order whose expiry job was lost", async () => {
    const sale = await newSale(1);
    const order = await winOne(sale.id, memberIds[6]!);
    await app.db.order.update({ where: { id: order.id }, data: { expiresAt: new Date(app.clock.now().getTime() - 60_000) } });
    expect((await sweepFlashSales(app, { graceMs: 30_000 })).ordersExpired).toBe(1);
    expect((await app.db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("expired");
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(1);
    expect((await sweepFlashSales(app, { graceMs: 30_000 })).ordersExpired).toBe(0);
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(1);
  });

  it("the sweep re-adds lost timers, ends a sale past its end and re-syncs a gate from the record", async () => {
    const timers = app.jobs.queue("flash-sale-timer");
    const later = await newSale(5, { startsInMs: 3_600_000 });
    await timers.obliterate({ force: true });
    expect(await timers.getJob(`flash-${later.id}-open-${later.startsAt.getTime()}`)).toBeUndefined();

    // Ended an hour ago, its end job lost with the rest.
    const overdue = await newSale(5, { startsInMs: -7_200_000 });
    await timers.obliterate({ force: true });
    // Cancelled in the database by a process that died before it told the gate.
    const cancelled = await newSale(5);
    await app.db.flashSale.update({ where: { id: cancelled.id }, data: { status: "cancelled", endedAt: app.clock.now() } });
    expect((await grabFlashSale(app, { saleId: cancelled.id, memberId: memberIds[7]!, roomId })).kind).toBe("won");

    const result = await sweepFlashSales(app, { graceMs: 30_000 });
    expect(result.salesEnded).toBeGreaterThanOrEqual(1);
    expect(await timers.getJob(`flash-${later.id}-open-${later.startsAt.getTime()}`)).toBeDefined();
    expect(await timers.getJob(`flash-${later.id}-end-${later.endsAt.getTime()}`)).toBeDefined();
    expect((await app.db.flashSale.findUniqueOrThrow({ where: { id: overdue.id } })).status).toBe("ended");
    expect(await app.db.delivery.count({ where: { dedupeKey: `flash:${overdue.id}:result:room:${roomId}` } })).toBe(1);
    expect(await grabFlashSale(app, { saleId: cancelled.id, memberId: memberIds[8]!, roomId })).toEqual({ kind: "cancelled" });
    expect((await sweepFlashSales(app, { graceMs: 30_000 })).salesEnded).toBe(0);
  });

  it("a cancel that died before telling the rooms: the sweep tells them while the sale has not started, once", async () => {
    const sale = await newSale(5, { startsInMs: 3_600_000 });
    // The crash: cancelled in the database, the rooms never told.
    await app.db.flashSale.update({ where: { id: sale.id }, data: { status: "cancelled", endedAt: app.clock.now() } });
    const key = `flash:${sale.id}:cancelled:room:${roomId}`;
    expect(await app.db.delivery.count({ where: { dedupeKey: key } })).toBe(0);
    expect((await sweepFlashSales(app, { graceMs: 30_000 })).cancelsAnnounced).toBe(1);
    const told = await app.db.delivery.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(told.text).toContain(`秒杀取消 #${sale.id}`);
    expect(told.validUntil).toEqual(sale.startsAt);
    expect((await sweepFlashSales(app, { graceMs: 30_000 })).cancelsAnnounced).toBe(0);
    expect(await app.db.delivery.count({ where: { dedupeKey: key } })).toBe(1);
  });

  it("a cancelled sale says so", async () => {
    const sale = await newSale(5, { startsInMs: 3_600_000 });
    expect((await cancelFlashSale(app, sale.id)).kind).toBe("cancelled");
    expect(await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[9]!, roomId })).toEqual({ kind: "cancelled" });
  });

  it("a private grab counts only for a member in one of the sale's rooms", async () => {
    const sale = await newSale(5);
    const [inRoom, outside, left] = [memberIds[10]!, memberIds[11]!, memberIds[12]!];
    await app.db.roomMember.createMany({
      data: [
        { roomId, memberId: inRoom },
        { roomId, memberId: left, leftAt: app.clock.now() },
      ],
    });
    expect(await grabFlashSale(app, { saleId: sale.id, memberId: outside })).toEqual({ kind: "notInRoom" });
    expect(await grabFlashSale(app, { saleId: sale.id, memberId: left })).toEqual({ kind: "notInRoom" });
    expect((await grabFlashSale(app, { saleId: sale.id, memberId: inRoom })).kind).toBe("won");
    expect(await grabFlashSale(app, { saleId: 99_999, memberId: inRoom })).toEqual({ kind: "notFound" });
    // A bare 抢 in private: the sales open in the member's rooms.
    expect((await openSalesFor(app, { memberId: inRoom })).open.map((s) => s.id)).toContain(sale.id);
    expect(await openSalesFor(app, { memberId: outside })).toEqual({ open: [], upcoming: [] });
  });
});
