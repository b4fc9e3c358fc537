import type { AppContext } from "../../kernel/app-context.js";
import type { WinbackRun } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { winbackCampaign } from "./rules/winback-keys.js";
import type { WinbackRunStatus } from "./rules/winback-run-status.js";

export interface LayerFigures {
  targeted: number;
  holdout: number;
  couponsIssued: number;
  redeemed: number;
  revenueCents: number;
  /** Redeemed coupons / treated members. */
  conversion: number;
  /** Members with a paid order since the run started: treated and holdout shares. */
  treatedRepurchase: number;
  holdoutRepurchase: number;
}

export interface WinbackReport extends LayerFigures {
  runId: number;
  runKey: string;
  status: WinbackRunStatus;
  startedAt: string;
  /** Why a run failed. */
  failReason: string | null;
  sent: number;
  /**
   * Everyone who got no message, by reason: left out at selection (opt_out, cooldown, member_cap),
   * no coupon left (no_coupon), and deliveries the governor skipped (opt_out, member_cap, daily_cap, …).
   */
  skipped: Record<string, number>;
  queued: number;
  /** treatedRepurchase − holdoutRepurchase, in percentage points. */
  liftPoints: number;
  perLayer: Record<string, LayerFigures>;
}

/** `notFound`: no run with that id, or (no id given) no run yet. */
export type WinbackReportOutcome = { kind: "report"; report: WinbackReport } | NotFound;

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * A run's report, from the rows themselves: targets (treated / holdout, per layer), deliveries by status
 * and reason, coupons issued and redeemed, revenue of the orders that redeemed them, and repurchase of
 * treated vs holdout since the run started (the lift). Stored on the run as its latest report.
 */
export async function readWinbackReport(app: AppContext, input: { runId?: number; at: Date }): Promise<WinbackReportOutcome> {
  const { db } = app;
  const run: WinbackRun | null =
    input.runId !== undefined
      ? await db.winbackRun.findUnique({ where: { id: input.runId } })
      : await db.winbackRun.findFirst({ orderBy: { id: "desc" } });
  if (!run) return notFound;
  const campaign = winbackCampaign(run.id);
  const rows = await db.$queryRaw<
    Array<{
      layer: string;
      holdout: boolean;
      members: number;
      issued: number;
      no_coupon: number;
      redeemed: number;
      revenue: bigint;
      repurchased: number;
    }>
  >`
    SELECT t.layer, t.holdout, count(*)::int AS members,
      count(*) FILTER (WHERE NOT t.holdout AND c.id IS NULL AND t.member_id <= ${run.cursor})::int AS no_coupon,
      count(c.id)::int AS issued,
      count(c.redeemed_at)::int AS redeemed,
      coalesce(sum(o.amount_cents) FILTER (WHERE o.status = 'paid'), 0)::bigint AS revenue,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM orders p WHERE p.member_id = t.member_id AND p.status = 'paid' AND p.placed_at >= ${run.startedAt} AND p.placed_at <= ${input.at}))::int AS repurchased
    FROM winback_targets t
    LEFT JOIN coupons c ON c.campaign = ${campaign} AND c.member_id = t.member_id
    LEFT JOIN orders o ON o.id = c.redeemed_order_id
    WHERE t.run_id = ${run.id}
    GROUP BY t.layer, t.holdout`;
  const deliveries = await db.delivery.groupBy({ by: ["status", "reason"], where: { campaign }, _count: { _all: true } });

  const figures = (subset: typeof rows): LayerFigures => {
    const treated = subset.filter((r) => !r.holdout);
    const holdout = subset.filter((r) => r.holdout);
    const sum = (list: typeof rows, f: (r: (typeof rows)[number]) => number) => list.reduce((s, r) => s + f(r), 0);
    const targeted = sum(treated, (r) => r.members);
    const held = sum(holdout, (r) => r.members);
    const redeemed = sum(treated, (r) => r.redeemed);
    return {
      targeted,
      holdout: held,
      couponsIssued: sum(treated, (r) => r.issued),
      redeemed,
      revenueCents: sum(treated, (r) => Number(r.revenue)),
      conversion: rate(redeemed, targeted),
      treatedRepurchase: rate(
        sum(treated, (r) => r.repurchased),
        targeted,
      ),
      holdoutRepurchase: rate(
        sum(holdout, (r) => r.repurchased),
        held,
      ),
    };
  };
  const total = figures(rows);
  const skipped: Record<string, number> = {};
  const addSkipped = (reason: string, n: number) => {
    if (n > 0) skipped[reason] = (skipped[reason] ?? 0) + n;
  };
  for (const [reason, n] of Object.entries((run.excluded ?? {}) as Record<string, number>)) addSkipped(reason, n);
  addSkipped(
    "no_coupon",
    rows.reduce((sum, r) => sum + r.no_coupon, 0),
  );
  let sent = 0;
  let queued = 0;
  for (const d of deliveries) {
    if (d.status === "sent") sent += d._count._all;
    else if (d.status === "queued" || d.status === "sending") queued += d._count._all;
    else addSkipped(d.reason ?? d.status, d._count._all);
  }
  const report: WinbackReport = {
    runId: run.id,
    runKey: run.runKey,
    status: run.status,
    failReason: run.failReason,
    startedAt: run.startedAt.toISOString(),
    ...total,
    sent,
    skipped,
    queued,
    liftPoints: (total.treatedRepurchase - total.holdoutRepurchase) * 100,
    perLayer: Object.fromEntries(
      [...new Set(rows.map((r) => r.layer))].map((layer) => [layer, figures(rows.filter((r) => r.layer === layer))]),
    ),
  };
  await db.winbackRun.update({ where: { id: run.id }, data: { report: JSON.parse(JSON.stringify(report)), reportedAt: input.at } });
  return { kind: "report", report };
}
