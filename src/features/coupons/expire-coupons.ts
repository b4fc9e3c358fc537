import type { AppContext } from "../../kernel/app-context.js";
import { couponTexts } from "./texts.js";

/**
 * The daily coupon sweep: marks coupons past their expiry, and reminds holders of coupons expiring
 * within `remindDays` (kind reminder: marketing, governed; one reminder per coupon by its dedupe key).
 */
export async function expireCoupons(
  app: AppContext,
  input: { at: Date; remindDays: number; timeZone: string; batch?: number },
): Promise<{ expired: number; reminded: number }> {
  const { db, outbox } = app;
  const expired = await db.coupon.updateMany({
    where: { expiredAt: null, redeemedAt: null, expiresAt: { lte: input.at } },
    data: { expiredAt: input.at },
  });
  let reminded = 0;
  if (input.remindDays > 0) {
    const horizon = new Date(input.at.getTime() + input.remindDays * 86_400_000);
    let cursor = 0;
    for (;;) {
      const due = await db.coupon.findMany({
        where: { id: { gt: cursor }, redeemedAt: null, expiresAt: { gt: input.at, lte: horizon } },
        include: { template: true },
        orderBy: { id: "asc" },
        take: input.batch ?? 500,
      });
      if (due.length === 0) break;
      cursor = due[due.length - 1]!.id;
      const queued = await outbox.sendMany(
        due.map((c) => ({
          kind: "reminder" as const,
          to: { memberId: c.memberId },
          text: couponTexts.expiryReminder(c.template.name, c, input.timeZone),
          dedupeKey: `coupon-reminder:${c.id}`,
          campaign: "coupon-reminder",
          // Quiet hours may defer it: a reminder that would arrive after the coupon expired is skipped.
          validUntil: c.expiresAt,
        })),
      );
      reminded += queued.filter((q) => q.created).length;
    }
  }
  return { expired: expired.count, reminded };
}
