import type { AppContext } from "../../kernel/app-context.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { appendEntry, lockMemberPoints, POINTS_TX, readLots } from "./points-ledger.js";
import { expiryOf, pointsForCents } from "./rules/lots.js";

export type SettleOrderPointsOutcome =
  | NotFound
  /** Not bound to a member yet (it attaches at binding, and is settled then or by the nightly sweep). */
  | { kind: "noMember" }
  | { kind: "earned"; memberId: number; points: number }
  /** Refunded or cancelled: `points` taken back; `spent` of the order's points were already spent and stay spent. */
  | { kind: "reversed"; memberId: number; points: number; spent: number }
  /** Nothing to do: settled before (a replay), pending, nothing earned, or earned already expired. */
  | { kind: "unchanged" };

/**
 * Makes the ledger match an order's status: a paid order earns POINTS_PER_YUAN per yuan (once: the
 * entry's key is the order); a refunded or cancelled one takes back what is left unspent of exactly
 * that earning (once). Points of it already spent are not clawed back and the balance never goes below
 * zero: the reversal's note records the shortfall, and the report counts it. Safe to run any number of times.
 *
 * @example await settleOrderPoints(app, { orderId: order.id, at: app.clock.now() })
 */
export async function settleOrderPoints(app: AppContext, input: { orderId: number; at: Date }): Promise<SettleOrderPointsOutcome> {
  const { db, config } = app;
  const order = await db.order.findUnique({ where: { id: input.orderId } });
  if (!order) return notFound;
  const memberId = order.memberId;
  if (memberId === null) return { kind: "noMember" };
  const ref = String(order.id);
  if (order.status === "paid") {
    const earnedAt = order.paidAt ?? order.placedAt;
    const expiresAt = expiryOf(earnedAt, config.loyalty.expiryMonths);
    const points = pointsForCents(order.amountCents, config.loyalty.pointsPerYuan);
    if (points === 0 || expiresAt <= input.at) return { kind: "unchanged" };
    const written = await db.$transaction(
      (tx) => appendEntry(tx, { memberId, points, source: "order", ref, at: earnedAt, expiresAt }),
      POINTS_TX,
    );
    return written ? { kind: "earned", memberId, points } : { kind: "unchanged" };
  }
  if (order.status !== "refunded" && order.status !== "cancelled") return { kind: "unchanged" };
  const earning = await db.pointEntry.findUnique({ where: { memberId_source_ref: { memberId, source: "order", ref } } });
  if (!earning) return { kind: "unchanged" };
  return db.$transaction(async (tx): Promise<SettleOrderPointsOutcome> => {
    await lockMemberPoints(tx, memberId);
    const done = await tx.pointEntry.findUnique({ where: { memberId_source_ref: { memberId, source: "order_reversal", ref } } });
    if (done) return { kind: "unchanged" };
    const lot = (await readLots(tx, memberId)).find((l) => l.id === earning.id);
    const unspent = lot?.remaining ?? 0;
    const spent = earning.points - unspent;
    await appendEntry(tx, {
      memberId,
      points: -unspent,
      source: "order_reversal",
      ref,
      lotId: earning.id,
      at: input.at,
      note: spent > 0 ? `已用 ${spent} 分，未扣回 / ${spent} already spent, not taken back` : null,
    });
    return { kind: "reversed", memberId, points: unspent, spent };
  }, POINTS_TX);
}
