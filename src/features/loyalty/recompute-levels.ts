import type { AppContext } from "../../kernel/app-context.js";
import { localDay } from "../../kernel/time/zone.js";
import { isLevelUp, levelFor } from "./rules/levels.js";
import { loyaltyTexts } from "./texts.js";

const YEAR_MS = 365 * 86_400_000;

/** Paid spend per member over the 12 months before `at` (refunded and cancelled orders do not count). */
async function spendByMember(app: AppContext, at: Date, memberIds?: number[]): Promise<Map<number, number>> {
  const since = new Date(at.getTime() - YEAR_MS);
  const rows = await app.db.order.groupBy({
    by: ["memberId"],
    where: {
      status: "paid",
      memberId: memberIds ? { in: memberIds } : { not: null },
      OR: [{ paidAt: { gt: since, lte: at } }, { paidAt: null, placedAt: { gt: since, lte: at } }],
    },
    _sum: { amountCents: true },
  });
  return new Map(rows.map((r) => [r.memberId!, r._sum.amountCents ?? 0]));
}

export interface LevelChange {
  memberId: number;
  from?: string;
  to: string;
  up: boolean;
}

/**
 * Recomputes levels (every member with a level or a paid order, or only `memberIds`), stores the changed
 * ones, and tells each member who moved up, privately, with the level's benefits (once per level a day).
 * Downgrades (old orders ageing out) are silent.
 */
export async function recomputeLevels(
  app: AppContext,
  input: { at: Date; memberIds?: number[] /** false: store only (the demo's past), nobody is told. */; notify?: boolean },
): Promise<LevelChange[]> {
  const { db, config } = app;
  const levels = config.loyalty.levels;
  const spend = await spendByMember(app, input.at, input.memberIds);
  const stored = await db.memberLevel.findMany({ where: input.memberIds ? { memberId: { in: input.memberIds } } : {} });
  const before = new Map(stored.map((row) => [row.memberId, row]));
  const ids = new Set([...spend.keys(), ...before.keys(), ...(input.memberIds ?? [])]);
  const changes: LevelChange[] = [];
  const writes: Array<{ memberId: number; level: string; spendCents: number }> = [];
  for (const memberId of ids) {
    const spendCents = spend.get(memberId) ?? 0;
    const level = levelFor(levels, spendCents);
    const old = before.get(memberId);
    if (old && old.level === level && old.spendCents === spendCents) continue;
    writes.push({ memberId, level, spendCents });
    if (old?.level !== level) changes.push({ memberId, from: old?.level, to: level, up: isLevelUp(levels, old?.level, level) });
  }
  if (writes.length) {
    await db.$executeRaw`
      INSERT INTO member_levels (member_id, level, spend_cents, computed_at)
      SELECT member_id, level, spend_cents, ${input.at} FROM unnest(${writes.map((w) => w.memberId)}::int[],
        ${writes.map((w) => w.level)}::text[], ${writes.map((w) => w.spendCents)}::int[]) AS x(member_id, level, spend_cents)
      ON CONFLICT (member_id) DO UPDATE SET level = excluded.level, spend_cents = excluded.spend_cents, computed_at = excluded.computed_at`;
  }
  const ups = changes.filter((c) => c.up);
  if (ups.length && input.notify !== false) {
    const day = localDay(input.at, app.config.timeZone);
    await app.outbox.sendMany(
      ups.map((c) => ({
        kind: "notice" as const,
        to: { memberId: c.memberId },
        text: loyaltyTexts.levelUp(c.to, levels),
        dedupeKey: `level-up:${c.memberId}:${c.to}:${day}`,
        campaign: "level-up",
      })),
    );
  }
  return changes;
}
