import type { AppContext } from "../../kernel/app-context.js";
import { newOrderNo } from "../../kernel/codes/order-number.js";
import type { Order } from "../../kernel/db/generated/client.js";
import { type RedeemRefusal, redeemCoupon } from "../coupons/index.js";
import { announceOrderSettled } from "./announce-order-settled.js";
import { lockShopCustomer } from "./bind-customer.js";
import type { ShopOrder } from "./rules/order-input.js";
import { storeOrderLines } from "./store-order-lines.js";
import { updateOrderStatus } from "./update-order-status.js";

export type CouponResult = { status: "redeemed"; replay: boolean } | { status: "refused"; reason: RedeemRefusal };

/** What a replay may state differently from the stored order (status may differ: a later one is applied). */
export type OrderField = "amountCents" | "customerId" | "categories" | "couponCode" | "placedAt";

export type RecordOrderOutcome =
  | { kind: "created"; order: Order; coupon?: CouponResult }
  /** The shop's order id was seen before: a replay changes nothing (a newer status is applied). */
  | { kind: "duplicate"; order: Order; coupon?: CouponResult }
  | { kind: "updated"; order: Order; coupon?: CouponResult }
  /** The order id was seen before with other values in `fields`: nothing is applied. */
  | { kind: "conflict"; order: Order; fields: OrderField[] };

/**
 * The fields a replay states with another value than the stored order. A field the replay leaves out
 * states nothing (a status update by replay may send less); placedAt compares instants, not spellings.
 */
export function conflictingFields(stored: Order, input: ShopOrder): OrderField[] {
  const fields: OrderField[] = [];
  if (input.amountCents !== stored.amountCents) fields.push("amountCents");
  if (input.customerId !== undefined && input.customerId !== stored.shopCustomerId) fields.push("customerId");
  if (input.categories !== undefined && JSON.stringify(input.categories) !== JSON.stringify(stored.categories)) fields.push("categories");
  if (input.couponCode !== undefined && input.couponCode !== stored.couponCode) fields.push("couponCode");
  if (input.placedAt !== undefined && new Date(input.placedAt).getTime() !== stored.placedAt.getTime()) fields.push("placedAt");
  return fields;
}

/**
 * Stores an order the shop reported (API or import), idempotent on the shop's order id. The member is
 * the bound customer's, if bound; otherwise the order waits and attaches at binding. A coupon code on a
 * paid or pending order is redeemed (owner, expiry, minimum spend, single use); a replay redeems it if
 * an earlier attempt stored the order but died before the redemption. A replay stating other values
 * (amount, customer, …) is a conflict: the stored order stays as it is.
 */
export async function recordOrder(
  app: AppContext,
  input: ShopOrder & { source?: "shop" | "import" },
  at: Date,
): Promise<RecordOrderOutcome> {
  const { db } = app;
  const existing = await db.order.findUnique({ where: { externalId: input.orderId } });
  if (existing) return replay(app, existing, input, at);
  const placedAt = input.placedAt ? new Date(input.placedAt) : at;
  const order = await db.$transaction(async (tx) => {
    // Under the customer's lock, so a bind in flight either sees this order or is seen by it.
    if (input.customerId) await lockShopCustomer(tx, input.customerId);
    const link = input.customerId ? await tx.customerLink.findUnique({ where: { shopCustomerId: input.customerId } }) : null;
    const created = await tx.order.createManyAndReturn({
      data: [
        {
          orderNo: newOrderNo("S"),
          source: input.source ?? "shop",
          externalId: input.orderId,
          memberId: link?.memberId ?? null,
          shopCustomerId: input.customerId ?? null,
          amountCents: input.amountCents,
          status: input.status,
          categories: input.categories ?? [],
          couponCode: input.couponCode ?? null,
          placedAt,
          paidAt: input.status === "paid" || input.status === "refunded" ? (input.paidAt ? new Date(input.paidAt) : placedAt) : null,
        },
      ],
      skipDuplicates: true,
    });
    if (created[0] && input.lines?.length) await storeOrderLines(tx, created[0].id, input.lines);
    return created[0];
  });
  if (!order) {
    // A concurrent request with the same order id won.
    const winner = await db.order.findUniqueOrThrow({ where: { externalId: input.orderId } });
    const fields = conflictingFields(winner, input);
    return fields.length ? { kind: "conflict", order: winner, fields } : { kind: "duplicate", order: winner };
  }
  const coupon = await redeemOrderCoupon(app, order);
  await announceOrderSettled(app, order);
  return { kind: "created", order, coupon };
}

/** Redeems the coupon code an open (paid or pending) order carries; redeemCoupon is idempotent per order. */
async function redeemOrderCoupon(app: AppContext, order: Order): Promise<CouponResult | undefined> {
  if (!order.couponCode || (order.status !== "paid" && order.status !== "pending")) return undefined;
  const redeemed = await redeemCoupon(app, {
    code: order.couponCode,
    at: order.placedAt,
    order: { id: order.id, memberId: order.memberId, amountCents: order.amountCents },
  });
  return redeemed.kind === "redeemed" ? { status: "redeemed", replay: redeemed.replay } : { status: "refused", reason: redeemed.kind };
}

async function replay(app: AppContext, existing: Order, input: ShopOrder, at: Date): Promise<RecordOrderOutcome> {
  const { db } = app;
  const fields = conflictingFields(existing, input);
  if (fields.length) return { kind: "conflict", order: existing, fields };
  // An earlier attempt may have died between storing the order and redeeming its coupon: finish it.
  const repair = async (order: Order) =>
    order.couponCode && !(await db.coupon.findUnique({ where: { redeemedOrderId: order.id } })) ? redeemOrderCoupon(app, order) : undefined;
  if (existing.status === input.status) return { kind: "duplicate", order: existing, coupon: await repair(existing) };
  const updated = await updateOrderStatus(
    app,
    { orderId: input.orderId, status: input.status as "paid" | "refunded" | "cancelled", at: input.paidAt },
    at,
  );
  const order = updated.kind === "updated" || updated.kind === "unchanged" ? updated.order : existing;
  return { kind: updated.kind === "updated" ? "updated" : "duplicate", order, coupon: await repair(order) };
}
