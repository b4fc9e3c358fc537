import type { AppContext } from "../../kernel/app-context.js";
import { appendEntry, POINTS_TX } from "./points-ledger.js";
import { expiryOf } from "./rules/lots.js";

/** What earned the points: a poll vote (ref itemId:slot) or a live reservation (ref the live's item id). */
export type EngagementSource = { kind: "poll_vote"; itemId: number; slot: string } | { kind: "live_reservation"; itemId: number };

export type CreditEngagementOutcome = { kind: "earned"; points: number } | { kind: "unchanged" };

/**
 * Credits the small engagement points (POINTS_PER_POLL_VOTE, POINTS_PER_LIVE_RESERVATION) once per
 * source: the ledger's key is member + source + ref, so a changed vote, a repeated 预约 or a retry writes
 * nothing. 0 turns it off.
 *
 * @example await creditEngagementPoints(app, { memberId, source: { kind: "poll_vote", itemId, slot }, at: app.clock.now() })
 */
export async function creditEngagementPoints(
  app: AppContext,
  input: { memberId: number; source: EngagementSource; at: Date },
): Promise<CreditEngagementOutcome> {
  const { loyalty } = app.config;
  const { source } = input;
  const points = source.kind === "poll_vote" ? loyalty.pollVotePoints : loyalty.liveReservationPoints;
  if (points <= 0) return { kind: "unchanged" };
  const ref = source.kind === "poll_vote" ? `${source.itemId}:${source.slot}` : String(source.itemId);
  const expiresAt = expiryOf(input.at, loyalty.expiryMonths);
  const written = await app.db.$transaction(
    (tx) => appendEntry(tx, { memberId: input.memberId, points, source: source.kind, ref, at: input.at, expiresAt }),
    POINTS_TX,
  );
  return written ? { kind: "earned", points } : { kind: "unchanged" };
}
