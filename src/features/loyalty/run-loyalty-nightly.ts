import type { AppContext } from "../../kernel/app-context.js";
import { applySpendLadders } from "./apply-spend-ladders.js";
import { dropMemberGifts } from "./drop-member-gifts.js";
import { expirePoints } from "./expire-points.js";
import { recomputeLevels } from "./recompute-levels.js";
import { finishReservedRedemptions } from "./redeem-exchange-item.js";
import { runLayerJourneys } from "./run-layer-journeys.js";
import { settleOrderPoints } from "./settle-order-points.js";
import { rewardDueReferrals, trackReferral } from "./track-referral.js";

/**
 * Orders whose points the ledger does not reflect yet: paid without an earning, refunded or cancelled
 * with an earning but no reversal. The order hook's job normally settles them at once; this catches an
 * order whose job was lost (a crash between the order's commit and the enqueue) or bound later.
 */
export async function settleMissedOrders(app: AppContext, input: { at: Date }): Promise<number> {
  const since = new Date(input.at.getTime() - app.config.loyalty.expiryMonths * 31 * 86_400_000);
  const rows = await app.db.$queryRaw<Array<{ id: number }>>`
    SELECT o.id FROM orders o
    WHERE o.member_id IS NOT NULL AND coalesce(o.paid_at, o.placed_at) > ${since}
      AND ((o.status = 'paid' AND NOT EXISTS (SELECT 1 FROM point_entries e WHERE e.member_id = o.member_id AND e.source = 'order' AND e.ref = o.id::text))
        OR (o.status IN ('refunded', 'cancelled')
            AND EXISTS (SELECT 1 FROM point_entries e WHERE e.member_id = o.member_id AND e.source = 'order' AND e.ref = o.id::text)
            AND NOT EXISTS (SELECT 1 FROM point_entries e WHERE e.member_id = o.member_id AND e.source = 'order_reversal' AND e.ref = o.id::text)))
    ORDER BY o.id LIMIT 5000`;
  for (const { id } of rows) await settleOrderPoints(app, { orderId: id, at: input.at });
  return rows.length;
}

/** LOYALTY_CRON: settle missed orders, expire points and remind, finish stuck exchanges, recompute levels. */
export async function runLoyaltyNightly(app: AppContext, input: { at: Date }) {
  const settled = await settleMissedOrders(app, input);
  const expiry = await expirePoints(app, input);
  const finished = await finishReservedRedemptions(app, input);
  const referrals = await rewardDueReferrals(app, input);
  const changes = await recomputeLevels(app, input);
  // After the levels: today's member-day and birthday gifts go to the levels as they are now.
  const gifts = await dropMemberGifts(app, input);
  const journeys = await runLayerJourneys(app, input);
  return {
    settled,
    ...expiry,
    finished,
    referrals,
    gifts,
    journeys,
    levelChanges: changes.length,
    levelUps: changes.filter((c) => c.up).length,
  };
}

/** The order hook's work (the order-settled job): the order's points, then its member's level. */
export async function applyOrderToLoyalty(app: AppContext, input: { orderId: number; at: Date }) {
  const points = await settleOrderPoints(app, input);
  const order = await app.db.order.findUnique({ where: { id: input.orderId } });
  if (!order?.memberId) return { points: points.kind, referral: "none", levelUp: null };
  const referral = await trackReferral(app, order, input.at);
  const ladders = await applySpendLadders(app, { memberId: order.memberId, at: input.at });
  const levels = await recomputeLevels(app, { at: input.at, memberIds: [order.memberId] });
  return { points: points.kind, referral, ladders, levelUp: levels.find((c) => c.up)?.to ?? null };
}
