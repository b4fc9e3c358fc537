import type { Order } from "../../kernel/db/client.js";
import type { SalesApp } from "./flash-sale-support.js";

export type ConfirmPaymentOutcome =
  | { kind: "paid"; order: Order }
  | { kind: "alreadyPaid"; order: Order }
  | { kind: "notPayable"; order: Order }
  | { kind: "noSuchOrder" };

/** An operator confirms an order was paid: pending → paid (conditionally, so an expiry racing it loses). */
export async function confirmOrderPayment(app: SalesApp, orderNo: string): Promise<ConfirmPaymentOutcome> {
  const now = app.clock.now();
  const { count } = await app.db.order.updateMany({ where: { orderNo, status: "pending" }, data: { status: "paid", paidAt: now } });
  const order = await app.db.order.findUnique({ where: { orderNo } });
  if (!order) return { kind: "noSuchOrder" };
  if (count === 0) return order.status === "paid" ? { kind: "alreadyPaid", order } : { kind: "notPayable", order };
  // Its expiry job may still run: expiring is conditional on pending, so a paid order stays paid.
  if (order.memberId !== null) {
    await app.outbox.send({ kind: "notice", to: { memberId: order.memberId }, text: `订单 ${order.orderNo} 已确认收款，谢谢！/ Payment received.`, dedupeKey: `order:${order.id}:paid` });
  }
  return { kind: "paid", order };
}
