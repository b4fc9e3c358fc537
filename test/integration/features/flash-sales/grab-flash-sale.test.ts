// The grab gate against real PostgreSQL and Redis: concurrency across two app contexts (separate
// connections, as two processes would have), crash reconciliation and expiry.
import { describe, expect, it } from "vitest";
// The gate and the order writer are the feature's own: the tests look inside.
import { FLASH_GATE } from "../../../../src/features/flash-sales/flash-gate.js";
import { FLASH_ORDER_WRITER } from "../../../../src/features/flash-sales/flash-order-writer.js";
import {
  confirmOrderPayment,
  expireUnpaidOrder,
  grabFlashSale,
  moveFlashSale,
  reconcileFlashOrders,
  runFlashSaleStep,
} from "../../../../src/features/flash-sales/index.js";
import { useSalesFixture } from "../../../support/sales-fixture.js";

describe("grabbing a flash sale", () => {
  const sales = useSalesFixture();

  const newSale = (stock: number, limit = 1, startsInMs = 0) => sales.newSale(stock, { limit, startsInMs });
  /** The fixture's member number `member` grabs in the fixture's room, through the first app context. */
  const grab = (saleId: number, member: number) =>
    grabFlashSale(sales.app, { saleId, memberId: sales.memberIds[member]!, roomId: sales.roomId });

  it("200 concurrent grabs from two processes on stock 10: exactly 10 orders, none over the limit", async () => {
    const sale = await newSale(10, 1);
    const attempts = Array.from({ length: 200 }, (_, i) => ({ memberId: sales.memberIds[i % 100]!, via: i % 2 ? sales.app : sales.other }));
    const outcomes = await Promise.all(
      attempts.map((a) => grabFlashSale(a.via, { saleId: sale.id, memberId: a.memberId, roomId: sales.roomId })),
    );
    expect(outcomes.filter((o) => o.kind === "won")).toHaveLength(10);
    const orders = await sales.app.db.order.findMany({ where: { flashSaleId: sale.id } });
    expect(orders).toHaveLength(10);
    expect(new Set(orders.map((o) => o.memberId)).size).toBe(10);
    expect(orders.every((o) => o.status === "pending" && o.amountCents === 9900 && o.source === "flash_sale")).toBe(true);
    expect(await sales.app.scoped(FLASH_GATE).left(sale.id)).toBe(0);
    expect(outcomes.filter((o) => o.kind === "soldOut" || o.kind === "limitReached")).toHaveLength(190);
    // Each winner was told privately, once.
    expect(await sales.app.db.delivery.count({ where: { campaign: `flash:${sale.id}`, kind: "notice" } })).toBe(10);
    expect(await sales.app.db.delivery.count({ where: { dedupeKey: { startsWith: `flash:${sale.id}:soldout:` } } })).toBe(1);
  });

  it("honours a per-member limit of 2 under concurrency", async () => {
    const sale = await newSale(50, 2);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        grabFlashSale(i % 2 ? sales.app : sales.other, { saleId: sale.id, memberId: sales.memberIds[i % 10]!, roomId: sales.roomId }),
      ),
    );
    expect(outcomes.filter((o) => o.kind === "won")).toHaveLength(20);
    const perMember = await sales.app.db.order.groupBy({ by: ["memberId"], where: { flashSaleId: sale.id }, _count: { _all: true } });
    expect(perMember.every((r) => r._count._all === 2)).toBe(true);
  });

  it("answers not open yet, not in this room, no such sale", async () => {
    const later = await newSale(5, 1, 3_600_000);
    expect(await grab(later.id, 1)).toEqual({
      kind: "notOpen",
      startsAt: later.startsAt,
    });
    const open = await newSale(5);
    expect(await grabFlashSale(sales.app, { saleId: open.id, memberId: sales.memberIds[1]!, roomId: sales.roomId + 999 })).toEqual({
      kind: "notInRoom",
    });
    expect(await grab(99_999, 1)).toEqual({
      kind: "notFound",
    });
  });

  it("a crash between decision and write: reconciliation writes the order once", async () => {
    const sale = await newSale(3);
    // Decide without writing, as a process that died right after the gate would.
    const decision = await sales.app
      .scoped(FLASH_GATE)
      .grab(sale.id, { memberId: sales.memberIds[5]!, roomId: sales.roomId, orderNo: "FCRASHED001", now: sales.app.clock.now() });
    expect(decision.kind).toBe("won");
    expect(await sales.app.db.order.count({ where: { flashSaleId: sale.id } })).toBe(0);
    expect(await reconcileFlashOrders(sales.app, sale.id, 0)).toBe(1);
    expect(await reconcileFlashOrders(sales.other, sale.id, 0)).toBe(0);
    const orders = await sales.app.db.order.findMany({ where: { flashSaleId: sale.id } });
    expect(orders.map((o) => o.orderNo)).toEqual(["FCRASHED001"]);
    // The grabbing process, late, writes the same win: the row reconciliation wrote stands, once.
    const late = await sales.other
      .scoped(FLASH_ORDER_WRITER)
      .record({ saleId: sale.id, memberId: sales.memberIds[5]!, seq: 1, orderNo: "FLATEWRITE1", decidedAt: sales.app.clock.now() });
    expect(late).toEqual({ orderId: orders[0]!.id, orderNo: "FCRASHED001" });
    expect(await sales.app.db.order.count({ where: { flashSaleId: sale.id } })).toBe(1);
    expect(await sales.app.db.delivery.count({ where: { dedupeKey: `flash:order:${orders[0]!.id}` } })).toBe(1);
    // The same member's next grab is limited; the gate survived.
    expect((await grab(sale.id, 5)).kind).toBe("limitReached");
  });

  it("Redis losing the gate: it is rebuilt from the orders, without overselling", async () => {
    const sale = await newSale(2);
    expect((await grab(sale.id, 7)).kind).toBe("won");
    await sales.app.redis.del(
      sales.app.key("flash", sale.id, "meta"),
      sales.app.key("flash", sale.id, "left"),
      sales.app.key("flash", sale.id, "taken"),
      sales.app.key("flash", sale.id, "seq"),
    );
    expect((await grab(sale.id, 7)).kind).toBe("limitReached");
    expect((await grab(sale.id, 8)).kind).toBe("won");
    expect((await grab(sale.id, 9)).kind).toBe("soldOut");
  });

  it("an expired order returns its unit (补货 when sold out); a paid one cannot expire", async () => {
    const sale = await newSale(1);
    const won = await grab(sale.id, 20);
    expect(won.kind).toBe("won");
    const order = await sales.app.db.order.findFirstOrThrow({ where: { flashSaleId: sale.id } });
    expect(await expireUnpaidOrder(sales.app, order.id)).toMatchObject({ kind: "expired", restocked: true, wasSoldOut: true });
    expect(await expireUnpaidOrder(sales.app, order.id)).toEqual({ kind: "notPending" });
    expect(await sales.app.db.delivery.count({ where: { dedupeKey: `flash:${sale.id}:restock:${order.id}:room:${sales.roomId}` } })).toBe(
      1,
    );
    // The member may grab again (a new n), and pay this time.
    const again = await grab(sale.id, 20);
    expect(again.kind).toBe("won");
    const second = await sales.app.db.order.findFirstOrThrow({ where: { flashSaleId: sale.id, status: "pending" } });
    expect(second.grabSeq).toBe(2);
    expect((await confirmOrderPayment(sales.app, second.orderNo)).kind).toBe("paid");
    expect(await expireUnpaidOrder(sales.app, second.id)).toEqual({ kind: "notPending" });
    expect((await confirmOrderPayment(sales.app, second.orderNo)).kind).toBe("alreadyPaid");
  });

  it("a moved sale's timers and gate move with it; the old timers do nothing", async () => {
    const sale = await newSale(5, 1, 3_600_000);
    const timers = sales.app.jobs.queue("flash-sale-timer");
    const reminderAt = sale.startsAt.getTime() - sales.app.config.sales.reminderMs;
    expect(await timers.getJob(`flash-${sale.id}-reminder-${reminderAt}`)).toBeDefined();
    const startsAt = new Date(sale.startsAt.getTime() + 7_200_000);
    const moved = await moveFlashSale(sales.app, sale.id, { startsAt });
    expect(moved.kind).toBe("moved");
    expect(await timers.getJob(`flash-${sale.id}-reminder-${reminderAt}`)).toBeUndefined();
    expect(await timers.getJob(`flash-${sale.id}-open-${startsAt.getTime()}`)).toBeDefined();
    expect(await grab(sale.id, 30)).toEqual({
      kind: "notOpen",
      startsAt,
    });
    // A stale job that ran anyway is skipped.
    expect(await runFlashSaleStep(sales.app, { saleId: sale.id, step: "open", at: sale.startsAt.getTime() })).toEqual({
      kind: "skipped",
      reason: "moved",
    });
    expect(await sales.app.db.flashSale.findUniqueOrThrow({ where: { id: sale.id } })).toMatchObject({
      startsAt,
      endsAt: new Date(sale.endsAt.getTime() + 7_200_000),
    });
  });
});
