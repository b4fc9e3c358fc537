import type { AppContext } from "../../kernel/app-context.js";
import { Prisma } from "../../kernel/db/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { armShares } from "./rules/assignment.js";
import type { ExperimentRef } from "./rules/experiment-ref.js";
import { type ArmCounts, type Judgement, judgeExperiment } from "./rules/judge.js";
import { plannedSamplePerArm } from "./rules/statistics.js";

const DAY_MS = 86_400_000;
/** No verdict before a week has passed, whatever the counts (weekday effects, early noise). */
export const MIN_EXPERIMENT_DAYS = 7;
/** The win-back's treated arm. */
export const WINBACK_ARM = "召回";

export type ExperimentReportOutcome =
  | (Judgement & {
      kind: "report";
      ref: ExperimentRef;
      metricDays: number;
      plannedPerArm: number;
      daysRunning: number;
      holdoutShare: number;
    })
  | NotFound
  | { kind: "notExperiment" };

/**
 * 实验 报告 推送12 / 召回3: per arm the members reached (message sent; the holdout: held out), those
 * with a paid order within the metric's days of their message (the holdout: of being held out), and
 * the judgement. A push is an experiment when it was made with 实验; a win-back run always is one
 * (treated vs holdout).
 */
export async function readExperimentReport(app: AppContext, ref: ExperimentRef): Promise<ExperimentReportOutcome> {
  const { db } = app;
  const campaign = `${ref.kind}:${ref.id}`;
  let source: Prisma.Sql;
  let arms: string[];
  let holdoutShare: number;
  let startedAt: Date;
  let metricDays: number;
  let plannedPerArm: number;
  if (ref.kind === "push") {
    if (!(await db.push.findUnique({ where: { id: ref.id }, select: { id: true } }))) return notFound;
    const experiment = await db.experiment.findUnique({ where: { campaign } });
    if (!experiment) return { kind: "notExperiment" };
    source = Prisma.sql`SELECT member_id, arm, assigned_at FROM experiment_assignments WHERE experiment_id = ${experiment.id}`;
    ({ arms, holdoutShare, startedAt, metricDays, plannedPerArm } = experiment);
  } else {
    const run = await db.winbackRun.findUnique({ where: { id: ref.id } });
    if (!run) return notFound;
    source = Prisma.sql`
      SELECT member_id, CASE WHEN holdout THEN 'holdout' ELSE ${WINBACK_ARM} END AS arm, selected_at AS assigned_at
      FROM winback_targets WHERE run_id = ${run.id}`;
    arms = [WINBACK_ARM];
    holdoutShare = run.holdoutShare;
    startedAt = run.startedAt;
    metricDays = app.config.experiments.metricDays;
    plannedPerArm = plannedSamplePerArm(app.config.experiments.baselineRate, app.config.experiments.mde);
  }
  const rows = await db.$queryRaw<ArmCounts[]>`
    WITH a AS (${source}),
    d AS (
      SELECT DISTINCT ON (member_id) member_id, sent_at FROM deliveries
      WHERE campaign = ${campaign} AND status = 'sent' AND member_id IS NOT NULL ORDER BY member_id, sent_at
    ), m AS (
      SELECT a.member_id, a.arm, (a.arm = 'holdout' OR d.member_id IS NOT NULL) AS reached, coalesce(d.sent_at, a.assigned_at) AS since
      FROM a LEFT JOIN d ON d.member_id = a.member_id
    )
    SELECT m.arm, count(*)::int AS assigned, count(*) FILTER (WHERE m.reached)::int AS reached,
      count(*) FILTER (WHERE m.reached AND EXISTS (
        SELECT 1 FROM orders o WHERE o.member_id = m.member_id AND o.status = 'paid'
          AND coalesce(o.paid_at, o.placed_at) >= m.since AND coalesce(o.paid_at, o.placed_at) < m.since + make_interval(days => ${metricDays}::int)
      ))::int AS converted
    FROM m GROUP BY m.arm`;
  const byArm = new Map(rows.map((r) => [r.arm, r]));
  const counts = (arm: string): ArmCounts => byArm.get(arm) ?? { arm, assigned: 0, reached: 0, converted: 0 };
  const shares = armShares(arms, holdoutShare);
  const daysRunning = Math.floor((app.clock.now().getTime() - startedAt.getTime()) / DAY_MS);
  const judgement = judgeExperiment({
    arms: arms.map(counts),
    holdout: holdoutShare > 0 ? counts("holdout") : undefined,
    shares: [...arms, ...(holdoutShare > 0 ? ["holdout"] : [])].map((a) => shares[a]!),
    plannedPerArm,
    daysRunning,
    minDays: Math.max(MIN_EXPERIMENT_DAYS, metricDays),
  });
  return { kind: "report", ref, metricDays, plannedPerArm, daysRunning, holdoutShare, ...judgement };
}
