import type { AppContext } from "../../kernel/app-context.js";
import type { Db, Prisma } from "../../kernel/db/client.js";
import type { Coupon, CouponTemplate } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { normalizeCouponCode } from "./rules/coupon-code.js";

export type RedeemCouponOutcome =
  | { kind: "redeemed"; coupon: Coupon; template: CouponTemplate; replay: boolean }
  | NotFound
  | { kind: "notOwner" }
  | { kind: "expired"; expiresAt: Date }
  | { kind: "belowMinSpend"; minSpendCents: number }
  | { kind: "alreadyRedeemed"; redeemedAt: Date };

export type RedeemRefusal = Exclude<RedeemCouponOutcome, { kind: "redeemed" }>["kind"];

/**
 * Uses a coupon once: by an order (owner, expiry, minimum spend checked; the same order again is a
 * replay, not a second use) or by an operator's #核销 (no order: owner and spend are the operator's call).
 */
export async function redeemCoupon(
  app: AppContext,
  input: { code: string; at: Date; order?: { id: number; memberId: number | null; amountCents: number } },
): Promise<RedeemCouponOutcome> {
  const { db } = app;
  const coupon = await db.coupon.findUnique({ where: { code: normalizeCouponCode(input.code) }, include: { template: true } });
  if (!coupon) return notFound;
  const { template, ...plain } = coupon;
  const order = input.order;
  if (coupon.redeemedAt) {
    if (order && coupon.redeemedOrderId === order.id) return { kind: "redeemed", coupon: plain, template, replay: true };
    return { kind: "alreadyRedeemed", redeemedAt: coupon.redeemedAt };
  }
  if (order && order.memberId !== coupon.memberId) return { kind: "notOwner" };
  if (coupon.expiresAt <= input.at) return { kind: "expired", expiresAt: coupon.expiresAt };
  if (order && order.amountCents < template.minSpendCents) return { kind: "belowMinSpend", minSpendCents: template.minSpendCents };
  // Conditional: of two concurrent redemptions exactly one changes the row.
  const used = await db.coupon.updateMany({
    where: { id: coupon.id, redeemedAt: null },
    data: { redeemedAt: input.at, redeemedOrderId: order?.id ?? null },
  });
  if (used.count === 0) {
    const now = await db.coupon.findUniqueOrThrow({ where: { id: coupon.id } });
    if (order && now.redeemedOrderId === order.id) return { kind: "redeemed", coupon: now, template, replay: true };
    return { kind: "alreadyRedeemed", redeemedAt: now.redeemedAt! };
  }
  return { kind: "redeemed", coupon: { ...plain, redeemedAt: input.at, redeemedOrderId: order?.id ?? null }, template, replay: false };
}

/**
 * Gives back the coupon an order redeemed, when the order is cancelled or refunded: the member did not
 * keep the purchase, so the coupon is unused again (or expired, if its time has passed meanwhile) and no
 * report counts the redemption. Idempotent: a second call finds nothing redeemed by the order.
 * Takes the order's transaction (not the app): it is one step of the order's status change.
 */
export async function releaseOrderCoupon(db: Db | Prisma.TransactionClient, input: { orderId: number; at: Date }): Promise<number> {
  return db.$executeRaw`
    UPDATE coupons SET redeemed_at = NULL, redeemed_order_id = NULL,
      expired_at = CASE WHEN expires_at <= ${input.at} THEN ${input.at}::timestamptz END
    WHERE redeemed_order_id = ${input.orderId}`;
}
