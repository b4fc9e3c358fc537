import type { Db } from "../../kernel/db/client.js";

/** A member's usable coupons (unredeemed, unexpired), soonest to expire first. */
export async function listMemberCoupons(db: Db, input: { memberId: number; at: Date }) {
  return db.coupon.findMany({
    where: { memberId: input.memberId, redeemedAt: null, expiresAt: { gt: input.at } },
    include: { template: true },
    orderBy: { expiresAt: "asc" },
    take: 20,
  });
}
