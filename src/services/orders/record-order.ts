import { newOrderNo } from "../../domain/codes/order-number.js";
import type { Db } from "../../infra/db/client.js";
import type { Order } from "../../infra/db/generated/client.js";
import type { ShopOrder } from "../../domain/orders/order-input.js";
import { redeemCoupon, type RedeemRefusal } from "../coupons/redeem-coupon.js";
import { updateOrderStatus } from "./update-order-status.js";

export type CouponResult = { status: "redeemed"; replay: boolean } | { status: "refused"; reason: RedeemRefusal };

export type RecordOrderOutcome =
  | { kind: "created"; order: Order; coupon?: CouponResult }
  /** The shop's order id was seen before: a replay changes nothing (a newer status is applied). */
  | { kind: "duplicate"; order: Order }
  | { kind: "updated"; order: Order };


/**
 * Stores an order the shop reported (API or import), idempotent on the shop's order id. The member is
 * the bound customer's, if bound; otherwise the order waits and attaches at binding. A coupon code on a
 * paid or pending order is redeemed (owner, expiry, minimum spend, single use).
 */
export async function recordOrder(db: Db, input: ShopOrder & { source?: "shop" | "import" }, at: Date): Promise<RecordOrderOutcome> {
  const existing = await db.order.findUnique({ where: { externalId: input.orderId } });
  if (existing) return replay(db, existing, input, at);
  const link = input.customerId ? await db.customerLink.findUnique({ where: { shopCustomerId: input.customerId } }) : null;
  const placedAt = input.placedAt ? new Date(input.placedAt) : at;
  const created = await db.order.createManyAndReturn({
    data: [
      {
        orderNo: newOrderNo("S"),
        source: input.source ?? "shop",
        externalId: input.orderId,
        memberId: link?.memberId ?? null,
        shopCustomerId: input.customerId ?? null,
        amountCents: input.amountCents,
        status: input.status,
        categories: input.categories,
        couponCode: input.couponCode ?? null,
        placedAt,
        paidAt: input.status === "paid" || input.status === "refunded" ? (input.paidAt ? new Date(input.paidAt) : placedAt) : null,
      },
    ],
    skipDuplicates: true,
  });
  const order = created[0];
  if (!order) {
    // A concurrent request with the same order id won.
    return { kind: "duplicate", order: await db.order.findUniqueOrThrow({ where: { externalId: input.orderId } }) };
  }
  if (!input.couponCode || (order.status !== "paid" && order.status !== "pending")) return { kind: "created", order };
  const redeemed = await redeemCoupon(db, {
    code: input.couponCode,
    at: placedAt,
    order: { id: order.id, memberId: order.memberId, amountCents: order.amountCents },
  });
  const coupon: CouponResult = redeemed.kind === "redeemed" ? { status: "redeemed", replay: redeemed.replay } : { status: "refused", reason: redeemed.kind };
  return { kind: "created", order, coupon };
}

async function replay(db: Db, existing: Order, input: ShopOrder, at: Date): Promise<RecordOrderOutcome> {
  if (existing.status === input.status) return { kind: "duplicate", order: existing };
  const updated = await updateOrderStatus(db, { orderId: input.orderId, status: input.status as "paid" | "refunded" | "cancelled", at: input.paidAt }, at);
  return updated.kind === "updated" ? { kind: "updated", order: updated.order } : { kind: "duplicate", order: existing };
}
