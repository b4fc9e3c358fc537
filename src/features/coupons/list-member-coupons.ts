import type { AppContext } from "../../kernel/app-context.js";

/** A member's usable coupons (unredeemed, unexpired), soonest to expire first. */
export async function listMemberCoupons(app: AppContext, input: { memberId: number; at: Date }) {
  return app.db.coupon.findMany({
    where: { memberId: input.memberId, redeemedAt: null, expiresAt: { gt: input.at } },
    include: { template: true },
    orderBy: { expiresAt: "asc" },
    take: 20,
  });
}
