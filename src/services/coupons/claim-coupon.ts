import { Prisma, type Db } from "../../infra/db/client.js";
import type { Coupon, CouponTemplate } from "../../infra/db/generated/client.js";
import { issueInTransaction } from "./issue-coupon.js";

export type ClaimCouponOutcome =
  | { kind: "claimed"; coupon: Coupon; template: CouponTemplate }
  | { kind: "alreadyClaimed"; coupon: Coupon; template: CouponTemplate }
  | { kind: "noDrop" }
  | { kind: "soldOut"; template: CouponTemplate }
  | { kind: "memberLimit"; template: CouponTemplate };

class Rollback extends Error {
  constructor(readonly outcome: ClaimCouponOutcome) {
    super("rollback");
  }
}

/**
 * A member's 领券 in a room: one coupon of the room's latest drop, first come first served, one per
 * member. The drop's counter is taken with a conditional UPDATE (the row lock serialises claimers), and
 * the coupon's unique (drop, member) rolls the take back for a member's second, concurrent claim.
 */
export async function claimCoupon(db: Db, input: { roomId: number; memberId: number; at: Date }): Promise<ClaimCouponOutcome> {
  const drop = await db.couponDrop.findFirst({
    where: { roomId: input.roomId },
    orderBy: { id: "desc" },
    include: { template: true },
  });
  if (!drop) return { kind: "noDrop" };
  const { template } = drop;
  const mine = await db.coupon.findUnique({ where: { dropId_memberId: { dropId: drop.id, memberId: input.memberId } } });
  if (mine) return { kind: "alreadyClaimed", coupon: mine, template };
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.$executeRaw`UPDATE coupon_drops SET claimed = claimed + 1 WHERE id = ${drop.id} AND claimed < quantity`;
      if (taken === 0) throw new Rollback({ kind: "soldOut", template });
      const issued = await issueInTransaction(tx, template, {
        templateId: template.id,
        memberId: input.memberId,
        dropId: drop.id,
        campaign: `drop:${drop.id}`,
        at: input.at,
      });
      if (issued.kind === "issued") return { kind: "claimed", coupon: issued.coupon, template };
      if (issued.kind === "memberLimit") throw new Rollback({ kind: "memberLimit", template });
      throw new Rollback({ kind: "soldOut", template });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const again = await db.coupon.findUnique({ where: { dropId_memberId: { dropId: drop.id, memberId: input.memberId } } });
      if (again) return { kind: "alreadyClaimed", coupon: again, template };
    }
    throw error;
  }
}
