import type { AppContext } from "../../kernel/app-context.js";
import { findLayer } from "../rfm/index.js";

export interface ModelReport {
  members: number;
  covered: number;
  /** Members by the source of their top recommendation. */
  bySource: Record<string, number>;
  /** Per RFM layer: members, members with a recommendation, and those whose top one comes from their history. */
  layers: Array<{ layer: string; members: number; covered: number; fromHistory: number }>;
  pairs: Array<{ from: string; to: string; support: number; confidence: number; lift: number }>;
  computedAt: Date | null;
}

/** 推荐 报告: how many members have a recommendation (by layer and source) and the strongest pairs. */
export async function readModelReport(app: AppContext): Promise<ModelReport> {
  const { db } = app;
  const [totals] = await db.$queryRaw<[{ members: number; covered: number; computedAt: Date | null }]>`
    SELECT (SELECT count(*)::int FROM members) AS members,
           (SELECT count(*)::int FROM member_recommendations WHERE rank = 1) AS covered,
           (SELECT max(computed_at) FROM member_recommendations) AS "computedAt"`;
  const sources = await db.$queryRaw<Array<{ source: string; n: number }>>`
    SELECT source, count(*)::int AS n FROM member_recommendations WHERE rank = 1 GROUP BY source`;
  const layers = await db.$queryRaw<Array<{ layer: string; members: number; covered: number; fromHistory: number }>>`
    SELECT coalesce(f.layer, 'none') AS layer, count(*)::int AS members, count(r.member_id)::int AS covered,
           count(*) FILTER (WHERE r.source = 'pair')::int AS "fromHistory"
    FROM members m LEFT JOIN member_rfm f ON f.member_id = m.id LEFT JOIN member_recommendations r ON r.member_id = m.id AND r.rank = 1
    GROUP BY 1 ORDER BY 2 DESC`;
  const pairs = await db.$queryRaw<ModelReport["pairs"]>`
    SELECT coalesce(f.name, p.from_product_id) AS "from", coalesce(t.name, p.to_product_id) AS "to", p.support, p.confidence, p.lift
    FROM product_pairs p LEFT JOIN products f ON f.id = p.from_product_id LEFT JOIN products t ON t.id = p.to_product_id
    ORDER BY p.lift DESC, p.support DESC, p.from_product_id, p.to_product_id LIMIT 5`;
  return {
    members: totals.members,
    covered: totals.covered,
    bySource: Object.fromEntries(sources.map((s) => [s.source, s.n])),
    layers: layers.map((l) => ({ ...l, layer: l.layer === "none" ? "未分层" : (findLayer(l.layer)?.name ?? l.layer) })),
    pairs,
    computedAt: totals.computedAt,
  };
}
