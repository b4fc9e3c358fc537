import type { AppContext } from "../../kernel/app-context.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import type { PushAudience, PushStatus } from "./rules/push-status.js";

export interface PushReport {
  pushId: number;
  status: PushStatus;
  audience: PushAudience;
  expression: string;
  audienceCount: number;
  /** Delivery rows made so far (one per member or room). */
  targeted: number;
  sent: number;
  queued: number;
  failed: number;
  uncertain: number;
  skipped: Record<string, number>;
  scheduledAt: Date;
  /**
   * Pushes with {券码}: coupons delivered (their message was sent), issued but not delivered (skipped
   * after issue: paused, cancelled, expired), redeemed, and the paid revenue of the orders that redeemed them.
   */
  coupons: { issued: number; undelivered: number; redeemed: number; revenueCents: number };
}

export type PushReportOutcome = { kind: "report"; report: PushReport } | NotFound;

/**
 * A push's report and live progress, counted from its delivery rows (campaign push:<id>).
 *
 * @example const outcome = await reportPush(app, 12); if (outcome.kind === "report") …outcome.report.sent
 */
export async function reportPush(app: AppContext, pushId: number): Promise<PushReportOutcome> {
  const { db } = app;
  const push = await db.push.findUnique({ where: { id: pushId } });
  if (!push) return notFound;
  const rows = await db.delivery.groupBy({ by: ["status", "reason"], where: { campaign: `push:${pushId}` }, _count: { _all: true } });
  const [coupons] = await db.$queryRaw<Array<{ issued: number; delivered: number; redeemed: number; revenue: bigint }>>`
    select count(*)::int as issued, count(*) filter (where d.status = 'sent')::int as delivered, count(c.redeemed_at)::int as redeemed,
           coalesce(sum(o.amount_cents) filter (where o.status = 'paid'), 0)::bigint as revenue
      from coupons c left join orders o on o.id = c.redeemed_order_id
      left join deliveries d on d.dedupe_key = ${`push:${pushId}:m:`} || c.member_id
     where c.campaign = ${`push:${pushId}`}`;
  const report: PushReport = {
    pushId,
    status: push.status,
    audience: push.audience as PushAudience,
    expression: push.expression,
    audienceCount: push.audienceCount,
    targeted: 0,
    sent: 0,
    queued: 0,
    failed: 0,
    uncertain: 0,
    skipped: {},
    scheduledAt: push.scheduledAt,
    coupons: {
      issued: coupons?.delivered ?? 0,
      undelivered: (coupons?.issued ?? 0) - (coupons?.delivered ?? 0),
      redeemed: coupons?.redeemed ?? 0,
      revenueCents: Number(coupons?.revenue ?? 0),
    },
  };
  for (const row of rows) {
    const n = row._count._all;
    report.targeted += n;
    if (row.status === "sent") report.sent += n;
    else if (row.status === "queued" || row.status === "sending") report.queued += n;
    else if (row.status === "failed") report.failed += n;
    else if (row.status === "uncertain") report.uncertain += n;
    else if (row.status === "skipped") {
      const reason = row.reason ?? "unknown";
      report.skipped[reason] = (report.skipped[reason] ?? 0) + n;
    }
  }
  return { kind: "report", report };
}
