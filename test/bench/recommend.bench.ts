// The recommendation model for 500,000 members and 5,000,000 orders with lines (about 7 million),
// seeded in SQL with generate_series: 300 products in 30 affinity groups (each member mostly buys within
// one group, now and then anything) and 30 services, one per group, on 40% of the orders. Figures: the
// seeding (not the subject), two recomputes (the first over empty tables, the second replacing a full
// model), the Node process's peak RSS (the work is set-based in PostgreSQL: Node must stay flat), the
// pairs kept and the recommendation sources. Targets: ≤ 60 s, < 300 MB.
import { recomputeRecommendations } from "../../src/features/recommendations/recompute-recommendations.js";
import { benchScale, dropOrderIndexes, mb, openBenchDatabase, seedMembers } from "./bench-database.js";

const { members: MEMBERS, orders: ORDERS } = benchScale();

export default async function () {
  const { app, client, rss, cleanup } = await openBenchDatabase({ sampleRss: true });
  try {
    const seedStart = performance.now();
    // Secondary indexes of orders are irrelevant to a full aggregate; dropping them makes seeding quick.
    await dropOrderIndexes(client, "order_lines_product_id_idx");
    await seedMembers(client, MEMBERS);
    await client.query(`
      INSERT INTO products (id, name, category, kind, price_cents, updated_at)
      SELECT 'P' || p, '商品' || p, '品类' || (p % 12), 'product'::"ProductKind", 1000 + p * 100, now() FROM generate_series(0, 299) AS p
      UNION ALL
      SELECT 'S' || g, '服务' || g, '服务', 'service'::"ProductKind", 9900, now() FROM generate_series(0, 29) AS g`);
    await client.query(`
      INSERT INTO orders (order_no, source, member_id, amount_cents, status, placed_at, paid_at, updated_at)
      SELECT 'B' || i, 'shop', 1 + (hashint4(i) & 2147483647) % ${MEMBERS}, 1000 + ((i::bigint * 7919) % 40000)::int,
             CASE WHEN i % 20 = 0 THEN 'refunded'::"OrderStatus" ELSE 'paid'::"OrderStatus" END, t, t, now()
      FROM generate_series(1, ${ORDERS}) AS i, LATERAL (SELECT now() - (i % 300) * interval '1 day' AS t) AS x`);
    await client.query(`
      INSERT INTO order_lines (order_id, line_no, product_id, name, category, kind, quantity, price_cents)
      SELECT o.id, 1, 'P' || p, '商品' || p, '品类' || (p % 12), 'product'::"ProductKind", 1, 1000 + p * 100
      FROM orders o, LATERAL (SELECT CASE WHEN hashint4(o.id) & 7 = 0 THEN (hashint4(o.id * 3) & 2147483647) % 300
                                          ELSE (o.member_id % 30) * 10 + (hashint4(o.id * 7) & 2147483647) % 10 END AS p) AS x`);
    await client.query(`
      INSERT INTO order_lines (order_id, line_no, product_id, name, category, kind, quantity, price_cents)
      SELECT o.id, 2, 'S' || (o.member_id % 30), '服务' || (o.member_id % 30), '服务', 'service'::"ProductKind", 1, 9900
      FROM orders o WHERE (hashint4(o.id * 11) & 2147483647) % 10 < 4`);
    await client.query("ANALYZE members; ANALYZE orders; ANALYZE order_lines; ANALYZE products");
    const {
      rows: [{ lines }],
    } = await client.query(`SELECT count(*)::int AS lines FROM order_lines`);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    process.stdout.write(
      `seeded ${MEMBERS.toLocaleString()} members, ${ORDERS.toLocaleString()} orders and ${lines.toLocaleString()} order lines in ${seedSeconds.toFixed(1)} s\n`,
    );

    rss.reset();
    const runs: Array<{ seconds: number; pairs: number; members: number; bySource: Record<string, number> }> = [];
    for (let i = 0; i < 2; i++) {
      const start = performance.now();
      const result = await recomputeRecommendations(app, { at: new Date(), settings: app.config.recommendations });
      runs.push({ seconds: (performance.now() - start) / 1000, ...result });
    }
    rss.stop();
    for (const [i, run] of runs.entries()) {
      process.stdout.write(
        `recompute ${i + 1}: ${run.seconds.toFixed(1)} s, ${run.pairs.toLocaleString()} pairs kept, ${run.members.toLocaleString()} members with a recommendation (${Object.entries(
          run.bySource,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")})\n`,
      );
    }
    process.stdout.write(
      `peak RSS of the Node process during the recomputes: ${mb(rss.peak)} (process max ${mb(process.resourceUsage().maxRSS * 1024)})\n`,
    );
    process.stdout.write(
      `targets: ≤ 60 s, < 300 MB → ${runs.every((r) => r.seconds <= 60) && rss.peak < 300 * 1024 * 1024 ? "met" : "NOT met"}\n`,
    );
    const {
      rows: [check],
    } = await client.query(`
      SELECT count(*)::int AS owned FROM member_recommendations r
      JOIN order_lines l ON l.product_id = r.product_id JOIN orders o ON o.id = l.order_id AND o.member_id = r.member_id AND o.status = 'paid'
      WHERE r.member_id <= 1000`);
    if (check.owned !== 0) throw new Error(`${check.owned} recommendations of owned items among the first 1,000 members`);
    if (runs[1]!.members !== MEMBERS) throw new Error(`expected every member to have a recommendation, got ${runs[1]!.members}`);
  } finally {
    await cleanup();
  }
}
