import type { LayerKey } from "./layers.js";

/** The configurable RFM thresholds (docs/domain.md's defaults, in config.ts). */
export interface RfmThresholds {
  highValueDays: number;
  highValueOrders: number;
  highValueCents: number;
  newDays: number;
  atRiskDays: number;
  lostDays: number;
}

/**
 * The layer rules, in order; the first that holds wins, so every member has exactly one layer.
 * recompute-layers.ts states the same rules in SQL (this is their readable, unit-tested form).
 * "Days since" counts from the last paid order, or from the first sighting for a member who never ordered.
 * docs/domain.md's cut-offs: high value ≤ 30 days, at risk 60–120 days, lost > 120 days.
 */
export function classifyMember(
  m: { daysSinceLastOrder: number | null; daysSinceJoined: number; orders: number; monetaryCents: number },
  t: RfmThresholds,
): LayerKey {
  if (
    m.daysSinceLastOrder !== null &&
    m.daysSinceLastOrder <= t.highValueDays &&
    m.orders >= t.highValueOrders &&
    m.monetaryCents >= t.highValueCents
  ) {
    return "high_value";
  }
  if (m.orders <= 1 && m.daysSinceJoined < t.newDays) return "new";
  const idle = m.daysSinceLastOrder ?? m.daysSinceJoined;
  if (idle > t.lostDays) return "lost";
  if (idle >= t.atRiskDays) return "at_risk";
  return "potential";
}
