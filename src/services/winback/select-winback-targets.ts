import { inSequence, LONG_TRANSACTION } from "../../infra/db/sql-steps.js";
import { Prisma, type Db } from "../../infra/db/client.js";
import type { WinbackRun } from "../../infra/db/generated/client.js";

const DAY_MS = 86_400_000;
export const WINBACK_LAYERS = ["at_risk", "lost"] as const;
export type WinbackLayer = (typeof WINBACK_LAYERS)[number];

/** Who a win-back would reach now: at risk and lost, not opted out, not selected within the cooldown. */
function eligible(at: Date, cooldownDays: number) {
  return Prisma.sql`
    FROM member_rfm r JOIN members m ON m.id = r.member_id
    WHERE r.layer IN ('at_risk', 'lost') AND m.opted_out_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM winback_targets t WHERE t.member_id = r.member_id AND t.selected_at > ${new Date(at.getTime() - cooldownDays * DAY_MS)})`;
}

/** #召回 预览: how many members a run would select now, per layer. */
export async function previewWinback(db: Db, input: { at: Date; cooldownDays: number }): Promise<Record<WinbackLayer, number>> {
  const rows = await db.$queryRaw<Array<{ layer: WinbackLayer; n: number }>>`SELECT r.layer, count(*)::int AS n ${eligible(input.at, input.cooldownDays)} GROUP BY r.layer`;
  return { at_risk: 0, lost: 0, ...Object.fromEntries(rows.map((r) => [r.layer, r.n])) };
}

export type StartWinbackOutcome =
  | { kind: "started"; run: WinbackRun; treated: number; holdout: number }
  /** A run with this key exists (the daily run already happened today): nothing new. */
  | { kind: "exists"; run: WinbackRun };

/**
 * Creates a run and selects its targets in one statement (set-based): each eligible member is recorded
 * with its layer, and a random `holdoutShare` of them as holdout (they get nothing; the report compares).
 * The run key makes starting idempotent (daily:2026-11-23).
 */
export async function startWinbackRun(
  db: Db,
  input: { runKey: string; at: Date; cooldownDays: number; holdoutShare: number },
): Promise<StartWinbackOutcome> {
  const created = await db.winbackRun.createManyAndReturn({
    data: [{ runKey: input.runKey, holdoutShare: input.holdoutShare, startedAt: input.at }],
    skipDuplicates: true,
  });
  const run = created[0];
  if (!run) return { kind: "exists", run: await db.winbackRun.findUniqueOrThrow({ where: { runKey: input.runKey } }) };
  await db.$transaction(
    async (tx) => inSequence([
    // One selection at a time: two runs started together must not both pick a member.
    tx.$executeRaw`SELECT pg_advisory_xact_lock(7303)`,
    tx.$executeRaw`
      INSERT INTO winback_targets (run_id, member_id, layer, holdout, selected_at)
      SELECT ${run.id}, r.member_id, r.layer, random() < ${input.holdoutShare}, ${input.at}
      ${eligible(input.at, input.cooldownDays)}`,
  ]),
    LONG_TRANSACTION,
  );
  const counts = await db.winbackTarget.groupBy({ by: ["holdout"], where: { runId: run.id }, _count: { _all: true } });
  const count = (holdout: boolean) => counts.find((c) => c.holdout === holdout)?._count._all ?? 0;
  return { kind: "started", run, treated: count(false), holdout: count(true) };
}
