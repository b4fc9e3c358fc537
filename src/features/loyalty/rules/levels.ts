// Levels by paid spend over the last 12 months (LOYALTY_LEVELS): pure.

export interface LevelRule {
  name: string;
  minSpendCents: number;
}

/**
 * The level a 12-month spend reaches: the highest whose threshold it meets.
 *
 * @example levelFor([{ name: "普通", minSpendCents: 0 }, { name: "银卡", minSpendCents: 100_000 }], 120_000) // "银卡"
 */
export function levelFor(levels: readonly LevelRule[], spendCents: number): string {
  let reached = levels[0]!.name;
  for (const level of levels) if (spendCents >= level.minSpendCents) reached = level.name;
  return reached;
}

/** Position of a level (0 = lowest); -1 for a name no longer configured. */
export function levelRank(levels: readonly LevelRule[], name: string | undefined): number {
  return levels.findIndex((level) => level.name === name);
}

/** True when `to` is above `from` (a first level above the lowest counts as an upgrade). */
export function isLevelUp(levels: readonly LevelRule[], from: string | undefined, to: string): boolean {
  return levelRank(levels, to) > Math.max(levelRank(levels, from), 0);
}
