import type { AppContext } from "../../kernel/app-context.js";
import type { Order } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { releaseOrderCoupon } from "../coupons/index.js";
import { announceOrderSettled } from "./announce-order-settled.js";
import { canMoveTo, type OrderStatusUpdate } from "./rules/order-input.js";

export type UpdateOrderStatusOutcome =
  | { kind: "updated"; order: Order }
  | { kind: "unchanged"; order: Order }
  | NotFound
  | { kind: "notAllowed"; from: string; to: string };

/**
 * paid / refunded / cancelled from the shop, by its order id or our orderNo (so flash-sale and
 * group-buy orders can be confirmed). The same status again is a no-op; the update is conditional on
 * the status it read, so two racing updates cannot both apply. A cancelled or refunded order gives its
 * coupon back in the same transaction (a pending order redeems at once; the member kept nothing).
 */
export async function updateOrderStatus(app: AppContext, input: OrderStatusUpdate, now: Date): Promise<UpdateOrderStatusOutcome> {
  const { db } = app;
  const order =
    input.orderId !== undefined
      ? await db.order.findUnique({ where: { externalId: input.orderId } })
      : await db.order.findUnique({ where: { orderNo: input.orderNo! } });
  if (!order) return notFound;
  if (order.status === input.status) return { kind: "unchanged", order };
  if (!canMoveTo(order.status, input.status)) return { kind: "notAllowed", from: order.status, to: input.status };
  const at = input.at ? new Date(input.at) : now;
  const changed = await db.$transaction(async (tx) => {
    const moved = await tx.order.updateMany({
      where: { id: order.id, status: order.status },
      data: { status: input.status, ...(input.status === "paid" ? { paidAt: at } : {}) },
    });
    if (moved.count && input.status !== "paid") await releaseOrderCoupon(tx, { orderId: order.id, at: now });
    return moved.count;
  });
  const fresh = await db.order.findUniqueOrThrow({ where: { id: order.id } });
  if (changed) await announceOrderSettled(app, fresh);
  return changed ? { kind: "updated", order: fresh } : { kind: "unchanged", order: fresh };
}
