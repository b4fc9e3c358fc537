// Which arm a member is in: a stable pseudo-random draw from (experiment, member), so a retry, a restart
// or a second worker always gives the same arm; the draw is stored when made. Pure.
import { createHash } from "node:crypto";

/** A uniform number in [0, 1) from the experiment and the member (SHA-256: no pattern in member ids shows). */
export function assignmentDraw(experimentId: number, memberId: number): number {
  const digest = createHash("sha256").update(`experiment:${experimentId}:member:${memberId}`).digest();
  return digest.readUInt32BE(0) / 4_294_967_296;
}

/**
 * The arm for a draw: the holdout first (its share), the rest split evenly across the arms.
 *
 * @example armFor(0.05, ["推荐", "通用"], 0.1) // "holdout"
 */
export function armFor(draw: number, arms: readonly string[], holdoutShare: number): string {
  if (draw < holdoutShare) return "holdout";
  const rest = (draw - holdoutShare) / (1 - holdoutShare);
  return arms[Math.min(arms.length - 1, Math.floor(rest * arms.length))]!;
}

/** Every arm's expected share, holdout included (for the sample-ratio check). */
export function armShares(arms: readonly string[], holdoutShare: number): Record<string, number> {
  const shares: Record<string, number> = Object.fromEntries(arms.map((arm) => [arm, (1 - holdoutShare) / arms.length]));
  if (holdoutShare > 0) shares.holdout = holdoutShare;
  return shares;
}
