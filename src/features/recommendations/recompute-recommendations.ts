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
 * readers see the old model until the new one is swapped in.
 */
export async function recomputeRecommendations(
  app: AppContext,
  input: { at: Date; settings: RecommendationSettings },
): Promise<RecomputeResult> {
  const { at, settings } = input;
  const since = new Date(at.getTime() - settings.windowDays * DAY_MS);
  const steps = (tx: Prisma.TransactionClient) => [
    tx.$executeRaw`SELECT pg_advisory_xact_lock(7314)`,
    // Per member × item aggregates and sorts (millions of rows at 500k members): in memory, not spilled.
    // PostgreSQL's memory, once a night, for this transaction only; Node holds none of it.
    tx.$executeRaw`SET LOCAL work_mem = '1GB'`,
    // A handful of long statements over simple rows: compiling them costs more than it saves.
    tx.$executeRaw`SET LOCAL jit = off`,
    // Products as small integers: every join and sort below is on ints, not on collated text.
    tx.$executeRaw`
      CREATE TEMP TABLE reco_items ON COMMIT DROP AS
      SELECT (row_number() OVER (ORDER BY id))::int AS item, id AS product_id, name, category, active FROM products`,
    tx.$executeRaw`CREATE UNIQUE INDEX ON reco_items (product_id)`,
    // The large working sets are unlogged tables, not temp tables: PostgreSQL never scans a temp table
    // with parallel workers. Created and dropped inside this transaction (under the advisory lock), so
    // no one else ever sees them, and a failed run leaves nothing behind.
    tx.$executeRaw`CREATE UNLOGGED TABLE reco_owned (member_id int NOT NULL, item int NOT NULL, last_at timestamptz NOT NULL)`,
    tx.$executeRaw`
      INSERT INTO reco_owned
      SELECT o.member_id, i.item, max(o.placed_at)
      FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN reco_items i ON i.product_id = l.product_id
      WHERE o.status = 'paid' AND o.member_id IS NOT NULL AND o.placed_at >= ${since}
      GROUP BY o.member_id, i.item`,
    tx.$executeRaw`ANALYZE reco_owned`,
    // Once per member: what they own (sorted) and their latest few items, the basis of their recommendations.
    tx.$executeRaw`
      CREATE UNLOGGED TABLE reco_baskets AS
      SELECT member_id, array_agg(item ORDER BY item) AS items,
        (array_agg(item ORDER BY last_at DESC, item))[1:${Prisma.raw(String(BASIS_ITEMS))}] AS basis
      FROM reco_owned GROUP BY member_id`,
    tx.$executeRaw`ANALYZE reco_baskets`,
    tx.$executeRaw`CREATE TEMP TABLE reco_buyers ON COMMIT DROP AS SELECT item, count(*)::int AS n FROM reco_owned GROUP BY item`,
    tx.$executeRaw`DELETE FROM product_pairs`,
    // Each unordered pair is counted once (a < b) over each member's distinct items. A CREATE TABLE … AS,
    // not an INSERT: PostgreSQL runs it with parallel workers (a parallel hash join and partial counts).
    tx.$executeRaw`
      CREATE UNLOGGED TABLE reco_co AS
      SELECT a.item AS x, b.item AS y, count(*)::int AS n
      FROM reco_owned a JOIN reco_owned b ON b.member_id = a.member_id AND a.item < b.item
      GROUP BY 1, 2 HAVING count(*) >= ${Prisma.raw(String(Math.trunc(settings.minSupport)))}`,
    // Then written in both directions, with confidence and lift.
    tx.$executeRaw`
      WITH total AS (SELECT greatest(count(*), 1)::float8 AS n FROM reco_baskets),
      directed AS (SELECT x AS f, y AS t, n FROM reco_co UNION ALL SELECT y, x, n FROM reco_co)
      INSERT INTO product_pairs (from_product_id, to_product_id, support, confidence, lift, computed_at)
      SELECT fi.product_id, ti.product_id, d.n, d.n::float8 / bf.n, (d.n::float8 / bf.n) / (bt.n / total.n), ${at}
      FROM directed d JOIN reco_buyers bf ON bf.item = d.f JOIN reco_buyers bt ON bt.item = d.t
        JOIN reco_items fi ON fi.item = d.f JOIN reco_items ti ON ti.item = d.t, total
      WHERE (d.n::float8 / bf.n) / (bt.n / total.n) >= ${settings.minLift}`,
    // The new model is built beside the old one, in an unlogged table without indexes (no WAL, no index
    // upkeep per row), and swapped in at the end: readers see the old model until then.
    tx.$executeRaw`CREATE UNLOGGED TABLE reco_next (LIKE member_recommendations)`,
    // Constants in CREATE TABLE … AS are written in (it takes no parameters). g orders all pairs by
    // (confidence, lift, from): per member and candidate the best pair is then max(g), an int.
    tx.$executeRaw`
      CREATE TEMP TABLE reco_pairs ON COMMIT DROP AS
      SELECT f, t, confidence, lift, (row_number() OVER (ORDER BY confidence, lift, f))::int AS g FROM (
        SELECT fi.item AS f, ti.item AS t, p.confidence, p.lift,
          row_number() OVER (PARTITION BY fi.item ORDER BY p.confidence DESC, p.lift DESC, ti.item) AS k
        FROM product_pairs p JOIN reco_items fi ON fi.product_id = p.from_product_id
          JOIN reco_items ti ON ti.product_id = p.to_product_id AND ti.active
      ) ranked WHERE k <= ${Prisma.raw(String(PAIRS_PER_ITEM))}`,
    tx.$executeRaw`CREATE UNIQUE INDEX ON reco_pairs (g)`,
    tx.$executeRaw`ANALYZE reco_pairs`,
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
    // From what they bought (pairs of their latest items; per candidate the best pair) and their
    // preference's best sellers (unless a pair already proposes the item); owned items left out.
    tx.$executeRaw`
      WITH from_pairs AS (
        SELECT k.member_id, p.t AS item, max(p.g) AS g
        FROM reco_baskets k CROSS JOIN LATERAL unnest(k.basis) AS b(item) JOIN reco_pairs p ON p.f = b.item
        WHERE p.t <> ALL (k.items)
        GROUP BY k.member_id, p.t
      ), candidates AS (
        SELECT fp.member_id, fp.item, 1 AS priority, p.confidence AS score, p.f AS via, p.lift
        FROM from_pairs fp JOIN reco_pairs p ON p.g = fp.g
        UNION ALL
        SELECT mt.member_id, rb.item, 2, rb.n::float8, NULL, 0
        FROM member_tags mt JOIN tags tg ON tg.id = mt.tag_id AND tg.category = 'preference' JOIN reco_best rb ON rb.category = tg.name
          LEFT JOIN reco_baskets k ON k.member_id = mt.member_id
        WHERE rb.item <> ALL (coalesce(k.items, '{}'))
          AND NOT EXISTS (SELECT 1 FROM reco_pairs p WHERE p.t = rb.item AND p.f = ANY (k.basis))
      ), ranked AS (
        SELECT c.*, row_number() OVER (PARTITION BY c.member_id ORDER BY c.priority, c.score DESC, c.item) AS rank FROM candidates c
      )
      INSERT INTO reco_next (member_id, rank, product_id, score, source, reason, computed_at)
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
        SELECT member_id, count(*)::int AS n, array_agg(product_id) AS got FROM reco_next GROUP BY member_id
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
      INSERT INTO reco_next (member_id, rank, product_id, score, source, reason, computed_at)
      SELECT r.member_id, r.rank, r.product_id, r.buyers, 'popular', format(${texts.popularReason}, r.buyers), ${at}
      FROM ranked r
      WHERE r.rank <= 3`,
    // The swap: TRUNCATE (a new empty file, not 1.5 million dead rows) and one bulk copy. Readers wait only
    // for this copy, and see either the whole old model or the whole new one.
    tx.$executeRaw`TRUNCATE member_recommendations`,
    tx.$executeRaw`INSERT INTO member_recommendations SELECT * FROM reco_next`,
    tx.$executeRaw`DROP TABLE reco_owned, reco_baskets, reco_co, reco_next`,
  ];
  // The pairs INSERT is step 13 above (its row count is the number of pairs kept).
  const PAIRS_STEP = 13;
  const results = await app.db.$transaction(async (tx) => inSequence(steps(tx)), LONG_TRANSACTION);
  const rows = await app.db.$queryRaw<Array<{ source: string; n: number }>>`
    SELECT source, count(*)::int AS n FROM member_recommendations WHERE rank = 1 GROUP BY source`;
  const bySource = Object.fromEntries(rows.map((r) => [r.source, r.n]));
  const pairs = results[PAIRS_STEP] ?? 0;
  return { pairs, members: rows.reduce((sum, r) => sum + r.n, 0), bySource };
}
