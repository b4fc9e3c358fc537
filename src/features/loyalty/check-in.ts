import type { AppContext } from "../../kernel/app-context.js";
import { isUniqueViolation } from "../../kernel/db/unique-violation.js";
import { localDay } from "../../kernel/time/zone.js";
import { appendEntry, POINTS_TX } from "./points-ledger.js";
import { nextStreak, previousDay } from "./rules/check-in-streak.js";
import { expiryOf } from "./rules/lots.js";

export type CheckInOutcome =
  | { kind: "checkedIn"; points: number; bonus: number; streak: number }
  | { kind: "alreadyCheckedIn"; streak: number };

/**
 * 签到: once per community day; the check-in row and its ledger entries are one transaction (the
 * (member, day) key makes a second one, racing or not, `alreadyCheckedIn`). Every 7th day in a row adds
 * the streak bonus.
 */
export async function checkIn(app: AppContext, input: { memberId: number; at: Date }): Promise<CheckInOutcome> {
  const { db, config } = app;
  const day = localDay(input.at, config.timeZone);
  const existing = await db.checkIn.findUnique({ where: { memberId_day: { memberId: input.memberId, day } } });
  if (existing) return { kind: "alreadyCheckedIn", streak: existing.streak };
  try {
    return await db.$transaction(async (tx) => {
      const yesterday = await tx.checkIn.findUnique({ where: { memberId_day: { memberId: input.memberId, day: previousDay(day) } } });
      const { streak, bonus } = nextStreak(yesterday?.streak);
      await tx.checkIn.create({ data: { memberId: input.memberId, day, streak, at: input.at } });
      const expiresAt = expiryOf(input.at, config.loyalty.expiryMonths);
      const points = config.loyalty.checkinPoints;
      if (points > 0) await appendEntry(tx, { memberId: input.memberId, points, source: "checkin", ref: day, at: input.at, expiresAt });
      const extra = bonus ? config.loyalty.streakBonus : 0;
      if (extra > 0)
        await appendEntry(tx, { memberId: input.memberId, points: extra, source: "checkin_streak", ref: day, at: input.at, expiresAt });
      return { kind: "checkedIn" as const, points, bonus: extra, streak };
    }, POINTS_TX);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.checkIn.findUniqueOrThrow({ where: { memberId_day: { memberId: input.memberId, day } } });
    return { kind: "alreadyCheckedIn", streak: winner.streak };
  }
}
