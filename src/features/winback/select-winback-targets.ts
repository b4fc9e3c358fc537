import type { AppContext } from "../../kernel/app-context.js";
import { Prisma } from "../../kernel/db/client.js";
import type { WinbackRun } from "../../kernel/db/generated/client.js";
import { LONG_TRANSACTION } from "../../kernel/db/sql-steps.js";
import { type MemberCaps, membersAtCapSql } from "../../kernel/outbox/member-cap.js";

const DAY_MS = 86_400_000;
export const WINBACK_LAYERS = ["at_risk", "lost"] as const;
export type WinbackLayer = (typeof WINBACK_LAYERS)[number];

/** Why a selection leaves an at-risk or lost member out. */
export type WinbackExclusion = "opt_out" | "cooldown" | "member_cap";

/** What a selection looks at: the cooldown, and the per-member marketing caps (in the community's day). */
export interface WinbackSelection {
  at: Date;
  cooldownDays: number;
  memberCaps: MemberCaps;
  timeZone: string;
}

/**
 * Every at-risk and lost member with the reason a run would leave them out now (null: selected).
 * Members at their marketing cap are left out too: they would get a coupon the governor's cap then keeps
 * the message of. A failed run (it gave nobody anything) does not start anyone's cooldown.
 */
function candidates(s: WinbackSelection) {
  return Prisma.sql`
    SELECT r.member_id, r.layer,
      CASE
        WHEN m.opted_out_at IS NOT NULL THEN 'opt_out'
        WHEN EXISTS (
          SELECT 1 FROM winback_targets t JOIN winback_runs w ON w.id = t.run_id
          WHERE t.member_id = r.member_id AND t.selected_at > ${new Date(s.at.getTime() - s.cooldownDays * DAY_MS)} AND w.status <> 'failed') THEN 'cooldown'
        WHEN r.member_id IN (${membersAtCapSql(s.memberCaps, s.at, s.timeZone)}) THEN 'member_cap'
      END AS excluded
    FROM member_rfm r JOIN members m ON m.id = r.member_id
    WHERE r.layer IN ('at_risk', 'lost')`;
}

/** What a run would do now: whom it would select per layer, and how many it would leave out by reason. */
export interface WinbackPreview {
  selected: Record<WinbackLayer, number>;
  excluded: Partial<Record<WinbackExclusion, number>>;
}

/** #召回 预览: the run's selection counted without running it (the same candidates, the same reasons). */
export async function previewWinback(app: AppContext, input: WinbackSelection): Promise<WinbackPreview> {
  const rows = await app.db.$queryRaw<Array<{ layer: WinbackLayer; excluded: WinbackExclusion | null; n: number }>>`
    SELECT layer, excluded, count(*)::int AS n FROM (${candidates(input)}) c GROUP BY layer, excluded`;
  const preview: WinbackPreview = { selected: { at_risk: 0, lost: 0 }, excluded: {} };
  for (const r of rows) {
    if (r.excluded === null) preview.selected[r.layer] += r.n;
    else preview.excluded[r.excluded] = (preview.excluded[r.excluded] ?? 0) + r.n;
  }
  return preview;
}

export type StartWinbackOutcome =
  | { kind: "started"; run: WinbackRun; treated: number; holdout: number; excluded: Partial<Record<WinbackExclusion, number>> }
  /** A run with this key exists (the daily run already happened today): nothing new. */
  | { kind: "exists"; run: WinbackRun };

/**
 * Creates a run and selects its targets in one transaction (set-based): each eligible member is recorded
 * with its layer, and a random `holdoutShare` of them as holdout (they get nothing; the report compares);
 * the members left out are counted on the run by reason. One transaction, so a crash never leaves a run
 * without its targets (a retry would find the day's run and select nobody). The run key makes starting
 * idempotent (daily:2026-11-23).
 */
export async function startWinbackRun(
  app: AppContext,
  input: WinbackSelection & { runKey: string; holdoutShare: number },
): Promise<StartWinbackOutcome> {
  return app.db.$transaction(async (tx) => {
    // One selection at a time: two runs started together must not both pick a member, and a second
    // start of the same key waits here and then finds the run.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7303)`;
    const [run] = await tx.winbackRun.createManyAndReturn({
      data: [{ runKey: input.runKey, holdoutShare: input.holdoutShare, startedAt: input.at }],
      skipDuplicates: true,
    });
    if (!run) return { kind: "exists" as const, run: await tx.winbackRun.findUniqueOrThrow({ where: { runKey: input.runKey } }) };
    const counts = await tx.$queryRaw<Array<{ what: string; n: number }>>`
      WITH c AS (${candidates(input)}), picked AS (
        INSERT INTO winback_targets (run_id, member_id, layer, holdout, selected_at)
        SELECT ${run.id}, member_id, layer, random() < ${input.holdoutShare}, ${input.at} FROM c WHERE excluded IS NULL
        RETURNING holdout)
      SELECT 'treated' AS what, count(*)::int AS n FROM picked WHERE NOT holdout
      UNION ALL SELECT 'holdout', count(*)::int FROM picked WHERE holdout
      UNION ALL SELECT excluded, count(*)::int FROM c WHERE excluded IS NOT NULL GROUP BY excluded`;
    const count = (what: string) => counts.find((c) => c.what === what)?.n ?? 0;
    const excluded = Object.fromEntries(counts.filter((c) => c.what !== "treated" && c.what !== "holdout").map((c) => [c.what, c.n]));
    const updated = await tx.winbackRun.update({ where: { id: run.id }, data: { excluded } });
    return { kind: "started" as const, run: updated, treated: count("treated"), holdout: count("holdout"), excluded };
  }, LONG_TRANSACTION);
}
