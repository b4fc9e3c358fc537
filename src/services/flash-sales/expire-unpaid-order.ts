import { flashTexts } from "../../domain/sales/texts.js";
import { announceToRooms, flashGate, type SalesApp } from "./flash-sale-support.js";

export type ExpireOrderOutcome =
  | { kind: "expired"; restocked: boolean; saleId?: number; wasSoldOut?: boolean }
  | { kind: "notPending" }
  | { kind: "noSuchOrder" };

/**
 * An unpaid order past its time: pending → expired (only once, conditionally), its unit goes back to
 * the gate; if the sale is still running and had sold out, its rooms hear "补货 1件".
 */
export async function expireUnpaidOrder(app: SalesApp, orderId: number, options: { announce?: boolean } = {}): Promise<ExpireOrderOutcome> {
  const now = app.clock.now();
  const { count } = await app.db.order.updateMany({ where: { id: orderId, status: "pending" }, data: { status: "expired" } });
  const order = await app.db.order.findUnique({ where: { id: orderId } });
  if (!order) return { kind: "noSuchOrder" };
  if (count === 0) return { kind: "notPending" };
  if (order.memberId !== null) {
    await app.outbox.send({
      kind: "notice",
      to: { memberId: order.memberId },
      text: `订单 ${order.orderNo} 超时未付款，已自动取消。/ Order expired.`,
      dedupeKey: `order:${order.id}:expired`,
    });
  }
  if (order.flashSaleId === null || order.memberId === null) return { kind: "expired", restocked: false };
  const released = await flashGate(app).release(order.flashSaleId, order.memberId, now);
  if (!released?.open) return { kind: "expired", restocked: false };
  if (released.left === 1 && options.announce !== false) {
    // It was sold out: the room hears about the unit back on sale.
    const sale = await app.db.flashSale.findUniqueOrThrow({ where: { id: order.flashSaleId } });
    await announceToRooms(app, sale.roomIds, flashTexts.restock(sale, 1), `flash:${sale.id}:restock:${order.id}`, `flash:${sale.id}`);
  }
  return { kind: "expired", restocked: true, saleId: order.flashSaleId, wasSoldOut: released.left === 1 };
}

/**
 * Expires a batch of orders (one expiry job): the room hears one "补货 N件" per sale that had sold out,
 * N being every unit this batch returned.
 */
export async function expireUnpaidOrders(app: SalesApp, orderIds: readonly number[]): Promise<ExpireOrderOutcome[]> {
  const outcomes: ExpireOrderOutcome[] = [];
  for (const id of orderIds) outcomes.push(await expireUnpaidOrder(app, id, { announce: false }));
  const bySale = new Map<number, { count: number; wasSoldOut: boolean }>();
  for (const o of outcomes) {
    if (o.kind !== "expired" || !o.restocked || o.saleId === undefined) continue;
    const entry = bySale.get(o.saleId) ?? { count: 0, wasSoldOut: false };
    entry.count++;
    entry.wasSoldOut ||= o.wasSoldOut === true;
    bySale.set(o.saleId, entry);
  }
  for (const [saleId, { count, wasSoldOut }] of bySale) {
    if (!wasSoldOut) continue;
    const sale = await app.db.flashSale.findUniqueOrThrow({ where: { id: saleId } });
    await announceToRooms(app, sale.roomIds, flashTexts.restock(sale, count), `flash:${sale.id}:restock:${orderIds[0]}`, `flash:${sale.id}`);
  }
  return outcomes;
}
