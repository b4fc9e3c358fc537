import type { AppContext } from "../../kernel/app-context.js";
import type { Order } from "../../kernel/db/generated/client.js";
import { orderSettledJob } from "./jobs.js";

/**
 * The hook for what follows a paid, refunded or cancelled order (points, levels): one job per order and
 * status (its id makes a replay queue nothing new). Called after the order's commit; a failed enqueue is
 * logged, not thrown (the order stands, and loyalty's nightly sweep settles any order it missed).
 */
export async function announceOrderSettled(app: AppContext, order: Order): Promise<void> {
  if (order.memberId === null || (order.status !== "paid" && order.status !== "refunded" && order.status !== "cancelled")) return;
  try {
    await app.jobs.add(orderSettledJob, { orderId: order.id }, { jobId: `order-settled-${order.id}-${order.status}` });
  } catch (error) {
    app.logger.warn({ err: error, orderId: order.id }, "order-settled job not queued: the nightly loyalty sweep will settle it");
  }
}
