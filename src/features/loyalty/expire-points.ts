import type { AppContext } from "../../kernel/app-context.js";
import { localDay } from "../../kernel/time/zone.js";
import { appendEntry, lockMemberPoints, POINTS_TX, readLots } from "./points-ledger.js";
import { loyaltyTexts } from "./texts.js";

const DAY = 86_400_000;

/**
 * The nightly expiry: for every lot past its expiry with points left, an expiry entry takes the rest
 * (ref: the lot, so a rerun writes nothing); then members whose points expire within `remindDays` are
 * reminded privately (kind reminder: opt-outs, caps and quiet hours apply; one reminder per member and
 * expiry day by its dedupe key).
 */
export async function expirePoints(app: AppContext, input: { at: Date }): Promise<{ expired: number; members: number; reminded: number }> {
  const { db, config } = app;
  const due = await db.$queryRaw<Array<{ member_id: number }>>`
    SELECT DISTINCT e.member_id FROM point_entries e
    WHERE e.points > 0 AND e.expires_at <= ${input.at}
      AND NOT EXISTS (SELECT 1 FROM point_entries x WHERE x.member_id = e.member_id AND x.source = 'expiry' AND x.ref = e.id::text)`;
  let expired = 0;
  for (const { member_id: memberId } of due) {
    expired += await db.$transaction(async (tx) => {
      await lockMemberPoints(tx, memberId);
      let sum = 0;
      for (const lot of await readLots(tx, memberId)) {
        if (lot.expiresAt > input.at) break;
        // A lot spent to nothing gets a zero entry: it marks the lot as handled for the query above.
        if (await appendEntry(tx, { memberId, points: -lot.remaining, source: "expiry", ref: String(lot.id), at: input.at }))
          sum += lot.remaining;
      }
      return sum;
    }, POINTS_TX);
  }
  let reminded = 0;
  if (config.loyalty.remindDays > 0) {
    const horizon = new Date(input.at.getTime() + config.loyalty.remindDays * DAY);
    const soon = await db.pointEntry.findMany({
      where: { points: { gt: 0 }, expiresAt: { gt: input.at, lte: horizon } },
      distinct: ["memberId"],
      select: { memberId: true },
    });
    const messages = [];
    for (const { memberId } of soon) {
      const expiring = (await readLots(db, memberId)).filter((l) => l.expiresAt > input.at && l.expiresAt <= horizon && l.remaining > 0);
      if (expiring.length === 0) continue;
      const points = expiring.reduce((s, l) => s + l.remaining, 0);
      const first = expiring[0]!.expiresAt;
      messages.push({
        kind: "reminder" as const,
        to: { memberId },
        text: loyaltyTexts.expiryReminder(points, first, config.timeZone),
        dedupeKey: `points-expiry:${memberId}:${localDay(first, config.timeZone)}`,
        campaign: "points-expiry",
        validUntil: first,
      });
    }
    reminded = (await app.outbox.sendMany(messages)).filter((q) => q.created).length;
  }
  return { expired, members: due.length, reminded };
}
