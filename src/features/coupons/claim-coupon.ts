import type { AppContext } from "../../kernel/app-context.js";
import type { Coupon, CouponDrop, CouponTemplate } from "../../kernel/db/generated/client.js";
import { isUniqueViolation } from "../../kernel/db/unique-violation.js";
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

const DAY_MS = 86_400_000;

/**
 * A member's 领券 in a room: one coupon of the oldest open drop the member has not claimed yet and that
 * still has stock, first come first served, one per member and drop. A drop is open for its template's
 * validity after it was released. The drop's counter is taken with a conditional UPDATE (the row lock
 * serialises claimers), and the coupon's unique (drop, member) rolls the take back for a member's
 * second, concurrent claim.
 */
export async function claimCoupon(app: AppContext, input: { roomId: number; memberId: number; at: Date }): Promise<ClaimCouponOutcome> {
  const { db } = app;
  const drops = (
    await db.couponDrop.findMany({
      // No template is valid longer than a year (券 新建 caps 有效 at 365): older drops need no look.
      where: { roomId: input.roomId, createdAt: { gt: new Date(input.at.getTime() - 366 * DAY_MS) } },
      orderBy: { id: "asc" },
      include: { template: true },
    })
  ).filter((d) => d.createdAt.getTime() + d.template.validDays * DAY_MS > input.at.getTime());
  if (drops.length === 0) return { kind: "noDrop" };
  const mine = await db.coupon.findMany({
    where: { memberId: input.memberId, dropId: { in: drops.map((d) => d.id) } },
    orderBy: { id: "desc" },
  });
  let refusal: ClaimCouponOutcome | undefined;
  for (const drop of drops) {
    if (drop.claimed >= drop.quantity || mine.some((c) => c.dropId === drop.id)) continue;
    const outcome = await claimFromDrop(app, drop, input);
    if (outcome.kind === "claimed" || outcome.kind === "alreadyClaimed") return outcome;
    // Sold out meanwhile, or the template's per-member limit: a later drop may still serve the member.
    if (outcome.kind === "memberLimit" || !refusal) refusal = outcome;
  }
  const claimed = mine[0];
  if (claimed) return { kind: "alreadyClaimed", coupon: claimed, template: drops.find((d) => d.id === claimed.dropId)!.template };
  return refusal ?? { kind: "soldOut", template: drops[drops.length - 1]!.template };
}

async function claimFromDrop(
  app: AppContext,
  drop: CouponDrop & { template: CouponTemplate },
  input: { memberId: number; at: Date },
): Promise<ClaimCouponOutcome> {
  const { db } = app;
  const { template } = drop;
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
    if (isUniqueViolation(error)) {
      const again = await db.coupon.findUnique({ where: { dropId_memberId: { dropId: drop.id, memberId: input.memberId } } });
      if (again) return { kind: "alreadyClaimed", coupon: again, template };
    }
    throw error;
  }
}
