// The grab gate against real PostgreSQL and Redis: concurrency across two app contexts (separate
// connections, as two processes would have), crash reconciliation and expiry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createSalesFixture, type SalesFixture } from "../../../support/sales-fixture.js";

describe("grabbing a flash sale", () => {
  let app: AppContext;
  let other: AppContext;
  let roomId: number;
  let memberIds: number[];
  let fixture: SalesFixture | undefined;

  beforeAll(async () => {
    fixture = await createSalesFixture();
    ({ app, other, roomId, memberIds } = fixture);
  });
  afterAll(async () => fixture?.cleanup());

  const newSale = (stock: number, limit = 1, startsInMs = 0) => fixture!.newSale(stock, { limit, startsInMs });

  it("200 concurrent grabs from two processes on stock 10: exactly 10 orders, none over the limit", async () => {
    const sale = await newSale(10, 1);
    const attempts = Array.from({ length: 200 }, (_, i) => ({ memberId: memberIds[i % 100]!, via: i % 2 ? app : other }));
    const outcomes = await Promise.all(attempts.map((a) => grabFlashSale(a.via, { saleId: sale.id, memberId: a.memberId, roomId })));
    expect(outcomes.filter((o) => o.kind === "won")).toHaveLength(10);
    const orders = await app.db.order.findMany({ where: { flashSaleId: sale.id } });
    expect(orders).toHaveLength(10);
    expect(new Set(orders.map((o) => o.memberId)).size).toBe(10);
    expect(orders.every((o) => o.status === "pending" && o.amountCents === 9900 && o.source === "flash_sale")).toBe(true);
    expect(await app.scoped(FLASH_GATE).left(sale.id)).toBe(0);
    expect(outcomes.filter((o) => o.kind === "soldOut" || o.kind === "limitReached")).toHaveLength(190);
    // Each winner was told privately, once.
    expect(await app.db.delivery.count({ where: { campaign: `flash:${sale.id}`, kind: "notice" } })).toBe(10);
    expect(await app.db.delivery.count({ where: { dedupeKey: { startsWith: `flash:${sale.id}:soldout:` } } })).toBe(1);
  });

  it("honours a per-member limit of 2 under concurrency", async () => {
    const sale = await newSale(50, 2);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => grabFlashSale(i % 2 ? app : other, { saleId: sale.id, memberId: memberIds[i % 10]!, roomId })),
    );
    expect(outcomes.filter((o) => o.kind === "won")).toHaveLength(20);
    const perMember = await app.db.order.groupBy({ by: ["memberId"], where: { flashSaleId: sale.id }, _count: { _all: true } });
    expect(perMember.every((r) => r._count._all === 2)).toBe(true);
  });

  it("answers not open yet, not in this room, no such sale", async () => {
    const later = await newSale(5, 1, 3_600_000);
    expect(await grabFlashSale(app, { saleId: later.id, memberId: memberIds[1]!, roomId })).toEqual({
      kind: "notOpen",
      startsAt: later.startsAt,
    });
    const open = await newSale(5);
    expect(await grabFlashSale(app, { saleId: open.id, memberId: memberIds[1]!, roomId: roomId + 999 })).toEqual({ kind: "notInRoom" });
    expect(await grabFlashSale(app, { saleId: 99_999, memberId: memberIds[1]!, roomId })).toEqual({ kind: "notFound" });
  });

  it("a crash between decision and write: reconciliation writes the order once", async () => {
    const sale = await newSale(3);
    // Decide without writing, as a process that died right after the gate would.
    const decision = await app
      .scoped(FLASH_GATE)
      .grab(sale.id, { memberId: memberIds[5]!, roomId, orderNo: "FCRASHED001", now: app.clock.now() });
    expect(decision.kind).toBe("won");
    expect(await app.db.order.count({ where: { flashSaleId: sale.id } })).toBe(0);
    expect(await reconcileFlashOrders(app, sale.id, 0)).toBe(1);
    expect(await reconcileFlashOrders(other, sale.id, 0)).toBe(0);
    const orders = await app.db.order.findMany({ where: { flashSaleId: sale.id } });
    expect(orders.map((o) => o.orderNo)).toEqual(["FCRASHED001"]);
    // The grabbing process, late, writes the same win: the row reconciliation wrote stands, once.
    const late = await other
      .scoped(FLASH_ORDER_WRITER)
      .record({ saleId: sale.id, memberId: memberIds[5]!, seq: 1, orderNo: "FLATEWRITE1", decidedAt: app.clock.now() });
    expect(late).toEqual({ orderId: orders[0]!.id, orderNo: "FCRASHED001" });
    expect(await app.db.order.count({ where: { flashSaleId: sale.id } })).toBe(1);
    expect(await app.db.delivery.count({ where: { dedupeKey: `flash:order:${orders[0]!.id}` } })).toBe(1);
    // The same member's next grab is limited; the gate survived.
    expect((await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[5]!, roomId })).kind).toBe("limitReached");
  });

  it("Redis losing the gate: it is rebuilt from the orders, without overselling", async () => {
    const sale = await newSale(2);
    expect((await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[7]!, roomId })).kind).toBe("won");
    await app.redis.del(
      app.key("flash", sale.id, "meta"),
      app.key("flash", sale.id, "left"),
      app.key("flash", sale.id, "taken"),
      app.key("flash", sale.id, "seq"),
    );
    expect((await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[7]!, roomId })).kind).toBe("limitReached");
    expect((await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[8]!, roomId })).kind).toBe("won");
    expect((await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[9]!, roomId })).kind).toBe("soldOut");
  });

  it("an expired order returns its unit (补货 when sold out); a paid one cannot expire", async () => {
    const sale = await newSale(1);
    const won = await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[20]!, roomId });
    expect(won.kind).toBe("won");
    const order = await app.db.order.findFirstOrThrow({ where: { flashSaleId: sale.id } });
    expect(await expireUnpaidOrder(app, order.id)).toMatchObject({ kind: "expired", restocked: true, wasSoldOut: true });
    expect(await expireUnpaidOrder(app, order.id)).toEqual({ kind: "notPending" });
    expect(await app.db.delivery.count({ where: { dedupeKey: `flash:${sale.id}:restock:${order.id}:room:${roomId}` } })).toBe(1);
    // The member may grab again (a new n), and pay this time.
    const again = await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[20]!, roomId });
    expect(again.kind).toBe("won");
    const second = await app.db.order.findFirstOrThrow({ where: { flashSaleId: sale.id, status: "pending" } });
    expect(second.grabSeq).toBe(2);
    expect((await confirmOrderPayment(app, second.orderNo)).kind).toBe("paid");
    expect(await expireUnpaidOrder(app, second.id)).toEqual({ kind: "notPending" });
    expect((await confirmOrderPayment(app, second.orderNo)).kind).toBe("alreadyPaid");
  });

  it("a moved sale's timers and gate move with it; the old timers do nothing", async () => {
    const sale = await newSale(5, 1, 3_600_000);
    const timers = app.jobs.queue("flash-sale-timer");
    const reminderAt = sale.startsAt.getTime() - app.config.sales.reminderMs;
    expect(await timers.getJob(`flash-${sale.id}-reminder-${reminderAt}`)).toBeDefined();
    const startsAt = new Date(sale.startsAt.getTime() + 7_200_000);
    const moved = await moveFlashSale(app, sale.id, { startsAt });
    expect(moved.kind).toBe("moved");
    expect(await timers.getJob(`flash-${sale.id}-reminder-${reminderAt}`)).toBeUndefined();
    expect(await timers.getJob(`flash-${sale.id}-open-${startsAt.getTime()}`)).toBeDefined();
    expect(await grabFlashSale(app, { saleId: sale.id, memberId: memberIds[30]!, roomId })).toEqual({ kind: "notOpen", startsAt });
    // A stale job that ran anyway is skipped.
    expect(await runFlashSaleStep(app, { saleId: sale.id, step: "open", at: sale.startsAt.getTime() })).toEqual({
      kind: "skipped",
      reason: "moved",
    });
    expect(await app.db.flashSale.findUniqueOrThrow({ where: { id: sale.id } })).toMatchObject({
      startsAt,
      endsAt: new Date(sale.endsAt.getTime() + 7_200_000),
    });
  });
});
