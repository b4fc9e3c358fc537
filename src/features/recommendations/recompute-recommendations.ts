import type { AppContext } from "../../kernel/app-context.js";
import { Prisma } from "../../kernel/db/client.js";
import { inSequence, LONG_TRANSACTION } from "../../kernel/db/sql-steps.js";
import { recommendationTexts as texts } from "./texts.js";

const DAY_MS = 86_400_000;
/** Per member, the model starts from their latest few items (what they bought most recently says most). */
const BASIS_ITEMS = 3;
/** Per item, the strongest few pairs are candidates: bounds the work at any community size. */
const PAIRS_PER_ITEM = 5;
/** Fallback lists: best sellers per category, and overall. */
const BEST_SELLERS = 10;

export interface RecommendationSettings {
  windowDays: number;
  minSupport: number;
  minLift: number;
}

export interface RecomputeResult {
  /** Directed pairs A → B that passed the minimum support and lift. */
  pairs: number;
  /** Members with at least one recommendation. */
  members: number;
  /** Recommendations by where they came from: pair, category, popular. */
  bySource: Record<string, number>;
}

/**
 * The nightly model, set-based in PostgreSQL (nothing per member is loaded into Node):
 * 1. who bought what: each member's distinct products over paid orders of the window;
 * 2. co-purchase pairs A → B: support = members who bought both, confidence = support ÷ buyers of A,
 *    lift = confidence ÷ (buyers of B ÷ all buyers); kept when support ≥ minSupport and lift ≥ minLift,
 *    so an item everyone buys does not win by popularity alone;
 * 3. per member the top 3 items they do not own: first from pairs of their latest items (score =
 *    confidence, the reason names the pair), then best sellers of their preference tag's category, then
 *    best sellers overall (cold start). Inactive products are never recommended.
 * One transaction under an advisory lock: a manual 重算 and the scheduled run never interleave, and
 * readers see the old model until the new one is complete.
 */
export async function recomputeRecommendations(
  app: AppContext,
  input: { at: Date; settings: RecommendationSettings },
): Promise<RecomputeResult> {
  const { at, settings } = input;
  const since = new Date(at.getTime() - settings.windowDays * DAY_MS);
  const [, , , , , , , , , pairs] = await app.db.$transaction(
    async (tx) =>
      inSequence([
        tx.$executeRaw`SELECT pg_advisory_xact_lock(7314)`,
        // Per member × item aggregates and sorts (millions of rows at 500k members): in memory, not spilled.
        // PostgreSQL's memory, once a night, for this transaction only; Node holds none of it.
        tx.$executeRaw`SET LOCAL work_mem = '1GB'`,
        // Products as small integers: every join and sort below is on ints, not on collated text.
        tx.$executeRaw`
          CREATE TEMP TABLE reco_items ON COMMIT DROP AS
          SELECT (row_number() OVER (ORDER BY id))::int AS item, id AS product_id, name, category, active FROM products`,
        tx.$executeRaw`CREATE UNIQUE INDEX ON reco_items (product_id)`,
        tx.$executeRaw`CREATE TEMP TABLE reco_owned (member_id int NOT NULL, item int NOT NULL, last_at timestamptz NOT NULL) ON COMMIT DROP`,
        tx.$executeRaw`
          INSERT INTO reco_owned
          SELECT o.member_id, i.item, max(o.placed_at)
          FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN reco_items i ON i.product_id = l.product_id
          WHERE o.status = 'paid' AND o.member_id IS NOT NULL AND o.placed_at >= ${since}
          GROUP BY o.member_id, i.item`,
        tx.$executeRaw`ANALYZE reco_owned`,
        tx.$executeRaw`CREATE TEMP TABLE reco_buyers ON COMMIT DROP AS SELECT item, count(*)::int AS n FROM reco_owned GROUP BY item`,
        tx.$executeRaw`DELETE FROM product_pairs`,
        // Each unordered pair is counted once (a < b), then written in both directions.
        tx.$executeRaw`
          WITH total AS (SELECT greatest(count(DISTINCT member_id), 1)::float8 AS n FROM reco_owned),
          co AS (
            SELECT a.item AS x, b.item AS y, count(*)::int AS n
            FROM reco_owned a JOIN reco_owned b ON b.member_id = a.member_id AND a.item < b.item
            GROUP BY 1, 2 HAVING count(*) >= ${settings.minSupport}
          ), directed AS (SELECT x AS f, y AS t, n FROM co UNION ALL SELECT y, x, n FROM co)
          INSERT INTO product_pairs (from_product_id, to_product_id, support, confidence, lift, computed_at)
          SELECT fi.product_id, ti.product_id, d.n, d.n::float8 / bf.n, (d.n::float8 / bf.n) / (bt.n / total.n), ${at}
          FROM directed d JOIN reco_buyers bf ON bf.item = d.f JOIN reco_buyers bt ON bt.item = d.t
            JOIN reco_items fi ON fi.item = d.f JOIN reco_items ti ON ti.item = d.t, total
          WHERE (d.n::float8 / bf.n) / (bt.n / total.n) >= ${settings.minLift}`,
        tx.$executeRaw`DELETE FROM member_recommendations`,
        // Constants in CREATE TABLE … AS are written in (it takes no parameters).
        tx.$executeRaw`
          CREATE TEMP TABLE reco_pairs ON COMMIT DROP AS
          SELECT f, t, confidence, lift FROM (
            SELECT fi.item AS f, ti.item AS t, p.confidence, p.lift,
              row_number() OVER (PARTITION BY fi.item ORDER BY p.confidence DESC, p.lift DESC, ti.item) AS k
            FROM product_pairs p JOIN reco_items fi ON fi.product_id = p.from_product_id
              JOIN reco_items ti ON ti.product_id = p.to_product_id AND ti.active
          ) ranked WHERE k <= ${Prisma.raw(String(PAIRS_PER_ITEM))}`,
        tx.$executeRaw`
          CREATE TEMP TABLE reco_best ON COMMIT DROP AS
          SELECT category, item, n FROM (
            SELECT i.category, b.item, b.n, row_number() OVER (PARTITION BY i.category ORDER BY b.n DESC, b.item) AS k
            FROM reco_buyers b JOIN reco_items i ON i.item = b.item AND i.active
          ) ranked WHERE k <= ${Prisma.raw(String(BEST_SELLERS))}`,
        tx.$executeRaw`
          CREATE TEMP TABLE reco_popular ON COMMIT DROP AS
          SELECT b.item, b.n FROM reco_buyers b JOIN reco_items i ON i.item = b.item AND i.active
          ORDER BY b.n DESC, b.item LIMIT ${Prisma.raw(String(BEST_SELLERS))}`,
        // From what they bought (pairs of their latest items; per item the best pair, by a hash aggregate
        // over [confidence, lift, via]) and their preference's best sellers; owned items left out.
        tx.$executeRaw`
          WITH basis AS (
            SELECT member_id, item FROM (
              SELECT member_id, item, row_number() OVER (PARTITION BY member_id ORDER BY last_at DESC, item) AS k FROM reco_owned
            ) latest WHERE k <= ${BASIS_ITEMS}
          ), from_pairs AS (
            SELECT b.member_id, p.t AS item, max(ARRAY[p.confidence, p.lift, p.f]) AS best
            FROM basis b JOIN reco_pairs p ON p.f = b.item GROUP BY b.member_id, p.t
          ), candidates AS (
            SELECT member_id, item, 1 AS priority, best[1] AS score, best[3]::int AS via, best[2] AS lift FROM from_pairs
            UNION ALL
            SELECT mt.member_id, rb.item, 2, rb.n::float8, NULL, 0
            FROM member_tags mt JOIN tags tg ON tg.id = mt.tag_id AND tg.category = 'preference' JOIN reco_best rb ON rb.category = tg.name
          ), unowned AS (
            SELECT DISTINCT ON (c.member_id, c.item) c.*
            FROM candidates c
            WHERE NOT EXISTS (SELECT 1 FROM reco_owned o WHERE o.member_id = c.member_id AND o.item = c.item)
            ORDER BY c.member_id, c.item, c.priority
          ), ranked AS (
            SELECT u.*, row_number() OVER (PARTITION BY u.member_id ORDER BY u.priority, u.score DESC, u.item) AS rank FROM unowned u
          )
          INSERT INTO member_recommendations (member_id, rank, product_id, score, source, reason, computed_at)
          SELECT r.member_id, r.rank, it.product_id, r.score, CASE r.priority WHEN 1 THEN 'pair' ELSE 'category' END,
            CASE r.priority
              WHEN 1 THEN format(${texts.pairReason}, iv.name, round(r.score * 100), it.name, to_char(r.lift, 'FM999990.0'))
              ELSE format(${texts.categoryReason}, it.category, r.score::int)
            END,
            ${at}
          FROM ranked r JOIN reco_items it ON it.item = r.item LEFT JOIN reco_items iv ON iv.item = r.via
          WHERE r.rank <= 3`,
        // Cold start and short lists: the overall best sellers fill each member's top 3. What each member
        // already has is aggregated once (a hash of 500k groups), not looked up row by row.
        tx.$executeRaw`
          WITH have AS (
            SELECT member_id, count(*)::int AS n, array_agg(product_id) AS got FROM member_recommendations GROUP BY member_id
          ), short AS (
            SELECT m.id AS member_id, coalesce(h.n, 0) AS n, coalesce(h.got, '{}') AS got
            FROM members m LEFT JOIN have h ON h.member_id = m.id WHERE coalesce(h.n, 0) < 3
          ), candidates AS (
            SELECT s.member_id, s.n, rp.item, rp.n AS buyers, it.product_id
            FROM short s CROSS JOIN reco_popular rp JOIN reco_items it ON it.item = rp.item
            WHERE it.product_id <> ALL (s.got)
              AND NOT EXISTS (SELECT 1 FROM reco_owned o WHERE o.member_id = s.member_id AND o.item = rp.item)
          ), ranked AS (
            SELECT c.*, c.n + row_number() OVER (PARTITION BY c.member_id ORDER BY c.buyers DESC, c.item) AS rank FROM candidates c
          )
          INSERT INTO member_recommendations (member_id, rank, product_id, score, source, reason, computed_at)
          SELECT r.member_id, r.rank, r.product_id, r.buyers, 'popular', format(${texts.popularReason}, r.buyers), ${at}
          FROM ranked r
          WHERE r.rank <= 3`,
      ]),
    LONG_TRANSACTION,
  );
  const rows = await app.db.$queryRaw<Array<{ source: string; n: number }>>`
    SELECT source, count(*)::int AS n FROM member_recommendations WHERE rank = 1 GROUP BY source`;
  const bySource = Object.fromEntries(rows.map((r) => [r.source, r.n]));
  return { pairs: pairs ?? 0, members: rows.reduce((sum, r) => sum + r.n, 0), bySource };
}
