import type { AppContext } from "../../kernel/app-context.js";
import { startOfLocalDay } from "../../kernel/time/zone.js";

export interface DeliveryCounts {
  sent: number;
  skipped: number;
  failed: number;
  queued: number;
  byKind: Record<string, number>;
}

/**
 * Today's deliveries (community day) of one account: what left today (by when it was sent, so a
 * message queued last night and sent this morning counts today), and what was skipped or waits.
 */
export async function countTodaysDeliveries(app: AppContext, account: string, now: Date, timeZone: string): Promise<DeliveryCounts> {
  const { db } = app;
  const since = startOfLocalDay(now, timeZone);
  const [sent, others] = await Promise.all([
    db.delivery.groupBy({ by: ["kind"], where: { account, status: "sent", sentAt: { gte: since } }, _count: { _all: true } }),
    db.delivery.groupBy({ by: ["status"], where: { account, status: { not: "sent" }, createdAt: { gte: since } }, _count: { _all: true } }),
  ]);
  const counts: DeliveryCounts = { sent: 0, skipped: 0, failed: 0, queued: 0, byKind: {} };
  for (const row of sent) {
    counts.sent += row._count._all;
    counts.byKind[row.kind] = row._count._all;
  }
  for (const row of others) {
    const n = row._count._all;
    if (row.status === "skipped") counts.skipped += n;
    else if (row.status === "failed" || row.status === "uncertain") counts.failed += n;
    else counts.queued += n;
  }
  return counts;
}
