import type { AppContext } from "../../kernel/app-context.js";
import type { Order } from "../../kernel/db/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { flashTexts } from "./texts.js";

export type ConfirmPaymentOutcome =
  | { kind: "paid"; order: Order }
  | { kind: "alreadyPaid"; order: Order }
  | { kind: "notPayable"; order: Order }
  | NotFound;

/** An operator confirms an order was paid: pending → paid (conditionally, so an expiry racing it loses). */
export async function confirmOrderPayment(app: AppContext, orderNo: string): Promise<ConfirmPaymentOutcome> {
  const now = app.clock.now();
  const { count } = await app.db.order.updateMany({ where: { orderNo, status: "pending" }, data: { status: "paid", paidAt: now } });
  const order = await app.db.order.findUnique({ where: { orderNo } });
  if (!order) return notFound;
  if (count === 0) return order.status === "paid" ? { kind: "alreadyPaid", order } : { kind: "notPayable", order };
  // Its expiry job may still run: expiring is conditional on pending, so a paid order stays paid.
  if (order.memberId !== null) {
    await app.outbox.send({
      kind: "notice",
      to: { memberId: order.memberId },
      text: flashTexts.orderPaid(order.orderNo),
      dedupeKey: `order:${order.id}:paid`,
    });
  }
  return { kind: "paid", order };
}
