import type { Db } from "../../infra/db/client.js";
import { startOfLocalDay } from "../../domain/time/zone.js";

export interface DeliveryCounts {
  sent: number;
  skipped: number;
  failed: number;
  queued: number;
  byKind: Record<string, number>;
}

/** Today's deliveries (community day) of one account: what left, what was skipped, what waits. */
export async function countTodaysDeliveries(db: Db, account: string, now: Date, timeZone: string): Promise<DeliveryCounts> {
  const since = startOfLocalDay(now, timeZone);
  const rows = await db.delivery.groupBy({
    by: ["status", "kind"],
    where: { account, createdAt: { gte: since } },
    _count: { _all: true },
  });
  const counts: DeliveryCounts = { sent: 0, skipped: 0, failed: 0, queued: 0, byKind: {} };
  for (const row of rows) {
    const n = row._count._all;
    if (row.status === "sent") {
      counts.sent += n;
      counts.byKind[row.kind] = (counts.byKind[row.kind] ?? 0) + n;
    } else if (row.status === "skipped") counts.skipped += n;
    else if (row.status === "failed" || row.status === "uncertain") counts.failed += n;
    else counts.queued += n;
  }
  return counts;
}
