// A bundle's member prices by loyalty level: which tiers an operator may declare, and what a member
// pays. Levels are the community's (LOYALTY_LEVELS), lowest first. Pure.
import type { LevelPrice } from "./bundle-command.js";

export type LevelPricesCheck = { ok: true; levelPrices: LevelPrice[] } | { ok: false; problem: LevelPriceProblem };

export type LevelPriceProblem =
  | { kind: "unknownLevel"; level: string; levels: readonly string[] }
  | { kind: "repeated"; level: string }
  | { kind: "notBelowBase"; level: string }
  | { kind: "higherThanLowerLevel"; level: string; lower: string };

/**
 * Tiers must name levels, once each, each below the base price and a higher level never dearer than a
 * lower one. Returned lowest level first.
 *
 * @example checkLevelPrices([{ level: "金卡", priceCents: 35900 }], 39900, ["普通", "银卡", "金卡"]) // { ok: true, … }
 */
export function checkLevelPrices(prices: readonly LevelPrice[], baseCents: number, levels: readonly string[]): LevelPricesCheck {
  const seen = new Set<string>();
  for (const p of prices) {
    if (!levels.includes(p.level)) return { ok: false, problem: { kind: "unknownLevel", level: p.level, levels } };
    if (seen.has(p.level)) return { ok: false, problem: { kind: "repeated", level: p.level } };
    seen.add(p.level);
    if (p.priceCents >= baseCents) return { ok: false, problem: { kind: "notBelowBase", level: p.level } };
  }
  const sorted = [...prices].sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.priceCents > sorted[i - 1]!.priceCents) {
      return { ok: false, problem: { kind: "higherThanLowerLevel", level: sorted[i]!.level, lower: sorted[i - 1]!.level } };
    }
  }
  return { ok: true, levelPrices: sorted };
}

/**
 * What a member of `level` pays: the tier of the highest level at or below theirs, else the base price.
 *
 * @example bundlePriceFor({ priceCents: 39900, levelPrices: [{ level: "金卡", priceCents: 35900 }] }, "黑金", ["普通", "金卡", "黑金"]) // 35900
 */
export function bundlePriceFor(
  bundle: { priceCents: number; levelPrices: readonly LevelPrice[] },
  level: string | undefined,
  levels: readonly string[],
): number {
  const rank = level === undefined ? -1 : levels.indexOf(level);
  let price = bundle.priceCents;
  for (const tier of bundle.levelPrices) {
    // A tier of a level no longer in LOYALTY_LEVELS gives nobody its price.
    const tierRank = levels.indexOf(tier.level);
    if (tierRank >= 0 && tierRank <= rank) price = Math.min(price, tier.priceCents);
  }
  return price;
}
