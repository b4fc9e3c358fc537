import type { Db } from "../../kernel/db/client.js";
import type { Outbox } from "../../kernel/outbox/outgoing-message.js";
import { formatLocal } from "../../kernel/time/zone.js";

/**
 * The daily coupon sweep: marks coupons past their expiry, and reminds holders of coupons expiring
 * within `remindDays` (kind reminder: marketing, governed; one reminder per coupon by its dedupe key).
 */
export async function expireCoupons(
  db: Db,
  outbox: Outbox,
  input: { at: Date; remindDays: number; timeZone: string; batch?: number },
): Promise<{ expired: number; reminded: number }> {
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
          text: `你的「${c.template.name}」券 ${c.code} 将于 ${formatLocal(c.expiresAt, input.timeZone, "MM-dd HH:mm")} 过期，记得使用哦。回复「退订」不再接收。`,
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
