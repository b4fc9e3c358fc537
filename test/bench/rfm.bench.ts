// RFM recompute for 500,000 members and 5,000,000 orders, seeded in SQL with generate_series.
// Figures: seeding time (not the subject), the first recompute (every member new: all rows inserted),
// a second one (all rows updated, few changes), and the Node process's peak RSS — the work is set-based
// in PostgreSQL, so Node's memory must stay flat. Targets: ≤ 60 s, < 300 MB.
import { recomputeLayers } from "../../src/features/rfm/recompute-layers.js";
import { benchScale, dropOrderIndexes, mb, openBenchDatabase, seedMembers } from "./bench-database.js";

const { members: MEMBERS, orders: ORDERS } = benchScale();

export default async function () {
  const { app, client, rss, cleanup } = await openBenchDatabase({ sampleRss: true });
  try {
    const seedStart = performance.now();
    // Secondary indexes of orders are irrelevant to a full aggregate; dropping them makes seeding quick.
    await dropOrderIndexes(client);
    await seedMembers(client, MEMBERS);
    await client.query(`
      INSERT INTO orders (order_no, source, member_id, amount_cents, status, placed_at, paid_at, updated_at)
      SELECT 'B' || i, 'shop', 1 + (hashint4(i) & 2147483647) % ${MEMBERS}, 1000 + ((i::bigint * 7919) % 40000)::int,
             CASE WHEN i % 20 = 0 THEN 'refunded'::"OrderStatus" ELSE 'paid'::"OrderStatus" END,
             t, t, now()
      FROM generate_series(1, ${ORDERS}) AS i, LATERAL (SELECT now() - (i % 400) * interval '1 day' - random() * interval '1 day' AS t) AS x`);
    await client.query("ANALYZE members; ANALYZE orders");
    const seedSeconds = (performance.now() - seedStart) / 1000;
    process.stdout.write(
      `seeded ${MEMBERS.toLocaleString()} members and ${ORDERS.toLocaleString()} orders in ${seedSeconds.toFixed(1)} s\n`,
    );

    rss.reset();
    const runs: Array<{ seconds: number; changes: number; members: number }> = [];
    for (let i = 0; i < 2; i++) {
      const start = performance.now();
      const result = await recomputeLayers(app, { at: new Date(), thresholds: app.config.rfm });
      runs.push({ seconds: (performance.now() - start) / 1000, ...result });
    }
    rss.stop();
    const { rows: layers } = await client.query(`SELECT layer, count(*)::int AS n FROM member_rfm GROUP BY layer ORDER BY layer`);
    const {
      rows: [tags],
    } = await client.query(
      `SELECT count(*)::int AS tags, count(DISTINCT mt.member_id)::int AS members FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE t.category = 'layer'`,
    );
    process.stdout.write(
      `first recompute (all new):  ${runs[0]!.seconds.toFixed(1)} s, ${runs[0]!.members.toLocaleString()} members, ${runs[0]!.changes.toLocaleString()} layer changes\n`,
    );
    process.stdout.write(
      `second recompute (updates): ${runs[1]!.seconds.toFixed(1)} s, ${runs[1]!.changes.toLocaleString()} layer changes\n`,
    );
    process.stdout.write(
      `peak RSS of the Node process during the recomputes: ${mb(rss.peak)} (process max ${mb(process.resourceUsage().maxRSS * 1024)})\n`,
    );
    process.stdout.write(`layers: ${layers.map((r: { layer: string; n: number }) => `${r.layer} ${r.n}`).join(", ")}\n`);
    process.stdout.write(
      `targets: ≤ 60 s, < 300 MB → ${runs.every((r) => r.seconds <= 60) && rss.peak < 300 * 1024 * 1024 ? "met" : "NOT met"}\n`,
    );
    if (tags.tags !== MEMBERS || tags.members !== MEMBERS)
      throw new Error(`expected one layer tag per member, got ${tags.tags} tags on ${tags.members} members`);
  } finally {
    await cleanup();
  }
}
