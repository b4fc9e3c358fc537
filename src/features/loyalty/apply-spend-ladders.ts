import type { AppContext } from "../../kernel/app-context.js";
import { issueCoupon } from "../coupons/index.js";
import { cancelPendingGiftOrders, openGiftOrder } from "./gift-orders.js";
import { rungsOf } from "./manage-spend-ladders.js";
import { loyaltyTexts } from "./texts.js";

/**
 * After a member's order settles: for every ladder whose window is open (or contains the order), the
 * member's paid spend in the window decides the rungs. A rung crossed and not held is granted (its
 * coupon issued once by its dedupe key, told privately); a rung held and no longer reached is reversed
 * while the window is open (its coupon withdrawn if unused). After the window closes, grants stand.
 */
export async function applySpendLadders(
  app: AppContext,
  input: { memberId: number; at: Date },
): Promise<{ granted: number; reversed: number }> {
  const { db } = app;
  const ladders = await db.spendLadder.findMany({ where: { startsAt: { lte: input.at }, endsAt: { gte: input.at } } });
  const counts = { granted: 0, reversed: 0 };
  for (const ladder of ladders) {
    const spend = await db.order.aggregate({
      where: { memberId: input.memberId, status: "paid", paidAt: { gte: ladder.startsAt, lte: ladder.endsAt } },
      _sum: { amountCents: true },
    });
    const spendCents = spend._sum.amountCents ?? 0;
    const held = await db.ladderGrant.findMany({ where: { ladderId: ladder.id, memberId: input.memberId } });
    for (const rung of rungsOf(ladder)) {
      const grant = held.find((g) => g.rungCents === rung.cents);
      const rungKey = `ladder:${ladder.id}:${input.memberId}:${rung.cents}`;
      const active = grant && grant.reversedAt === null;
      if (spendCents >= rung.cents && !active) {
        // A rung regained after a reversal is a new grant: its key names the reversal it follows.
        const dedupeKey = `${rungKey}${grant?.reversedAt ? `:after-${grant.reversedAt.getTime()}` : ""}`;
        const issued = await issueCoupon(app, {
          templateName: rung.reward,
          memberId: input.memberId,
          campaign: `ladder:${ladder.id}`,
          dedupeKey,
          at: input.at,
        });
        const coupon = issued.kind === "issued" || issued.kind === "existing" ? issued.coupon : undefined;
        const couponId = coupon?.id ?? null;
        const data = { reward: rung.reward, couponId, grantedAt: input.at, reversedAt: null };
        const won = grant
          ? (
              await db.ladderGrant.updateMany({
                where: { ladderId: ladder.id, memberId: input.memberId, rungCents: rung.cents, reversedAt: grant.reversedAt },
                data,
              })
            ).count
          : (
              await db.ladderGrant.createMany({
                data: [{ ladderId: ladder.id, memberId: input.memberId, rungCents: rung.cents, ...data }],
                skipDuplicates: true,
              })
            ).count;
        if (won === 0) continue;
        counts.granted++;
        // A reward that names no coupon template is a gift: an order for operators to hand out.
        const gift =
          issued.kind === "notFound"
            ? await openGiftOrder(app, { memberId: input.memberId, giftName: rung.reward, source: dedupeKey, at: input.at })
            : undefined;
        await app.outbox.send({
          kind: "notice",
          to: { memberId: input.memberId },
          text: loyaltyTexts.ladderGranted(
            ladder.name,
            rung.cents,
            rung.reward,
            coupon ? { code: coupon.code } : { giftOrderId: gift?.id },
          ),
          dedupeKey: `${dedupeKey}:told`,
          campaign: `ladder:${ladder.id}`,
        });
      } else if (spendCents < rung.cents && active) {
        const moved = await db.ladderGrant.updateMany({
          where: { ladderId: ladder.id, memberId: input.memberId, rungCents: rung.cents, reversedAt: null },
          data: { reversedAt: input.at },
        });
        if (moved.count === 0) continue;
        counts.reversed++;
        // The reward's coupon is withdrawn if still unused (expired now), its gift if not sent yet.
        if (grant.couponId === null) await cancelPendingGiftOrders(app, { source: rungKey });
        else {
          await db.coupon.updateMany({
            where: { id: grant.couponId, redeemedAt: null },
            data: { expiresAt: input.at, expiredAt: input.at },
          });
        }
      }
    }
  }
  return counts;
}
