// The operator console at 500,000 members and 5,000,000 orders (400 days), seeded in SQL with
// generate_series, plus coupons, marketing deliveries, rooms, interactions, layers and campaigns.
// Figures: the rollup refresh (the first backfill of 400 days, then incremental runs), and the server
// time per page (p50/p95 over repeated requests through Fastify's inject, logged in as the owner).
// Targets: overview p95 ≤ 300 ms, every other page p95 ≤ 1 s.
import { issueLoginCode, refreshConsoleRollups } from "../../src/features/console/index.js";
import { buildHttpServer } from "../../src/http/server.js";
import { benchScale, dropOrderIndexes, openBenchDatabase, seedMembers } from "./bench-database.js";

const { members: MEMBERS, orders: ORDERS } = benchScale();
/** The member the search and profile pages show (within a small run's members too). */
const SAMPLE_MEMBER = Math.min(12_345, MEMBERS);
const ROOMS = 1_000;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export default async function () {
  const { app, client, cleanup } = await openBenchDatabase({ env: { OWNER_WECHAT_ID: "bench1" } });
  try {
    const seedStart = performance.now();
    // Indexes the seed does not need are dropped; the ones the console reads by are built after the rows.
    await dropOrderIndexes(client, "orders_paid_at_idx");
    await seedMembers(client, MEMBERS, { namePrefix: "会员" });
    await client.query(`
      INSERT INTO orders (order_no, source, member_id, amount_cents, status, placed_at, paid_at, updated_at)
      SELECT 'B' || i, CASE WHEN i % 10 = 0 THEN 'flash_sale'::"OrderSource" ELSE 'shop'::"OrderSource" END,
             1 + (hashint4(i) & 2147483647) % ${MEMBERS}, 1000 + ((i::bigint * 7919) % 40000)::int,
             CASE WHEN i % 20 = 0 THEN 'refunded'::"OrderStatus" ELSE 'paid'::"OrderStatus" END, t, t, now()
      FROM generate_series(1, ${ORDERS}) AS i, LATERAL (SELECT now() - (i % 400) * interval '1 day' - random() * interval '1 day' AS t) AS x`);
    await client.query("CREATE INDEX orders_paid_at_idx ON orders (paid_at)");
    await client.query("CREATE INDEX orders_member_id_status_placed_at_idx ON orders (member_id, status, placed_at)");
    await client.query("CREATE UNIQUE INDEX orders_order_no_key ON orders (order_no)");
    await client.query(
      `INSERT INTO coupon_templates (name, kind, value_cents, min_spend_cents, valid_days) VALUES ('bench满200减30', 'threshold', 3000, 20000, 30)`,
    );
    // 300,000 coupons over 400 days; every third redeemed by an order (order i*3 of that coupon's number, where a smaller run has one).
    await client.query(`
      INSERT INTO coupons (code, template_id, member_id, campaign, issued_at, expires_at, redeemed_at, redeemed_order_id)
      SELECT 'C' || i, (SELECT id FROM coupon_templates WHERE name = 'bench满200减30'), 1 + i % ${MEMBERS}, 'drop:' || (i % 50), t, t + interval '30 days',
             CASE WHEN i % 3 = 0 AND i * 3 <= ${ORDERS} THEN t + interval '1 day' END, CASE WHEN i % 3 = 0 AND i * 3 <= ${ORDERS} THEN i * 3 END
      FROM generate_series(1, 300000) AS i, LATERAL (SELECT now() - (i % 400) * interval '1 day' - random() * interval '1 day' AS t) AS x`);
    // 1,000,000 marketing messages sent over 400 days.
    await client.query(`
      INSERT INTO deliveries (account, kind, member_id, text, status, campaign, created_at, sent_at, updated_at)
      SELECT 'main', 'push', 1 + (hashint4(i) & 2147483647) % ${MEMBERS}, 'x', 'sent', 'push:' || (1 + i % 30), t, t, t
      FROM generate_series(1, 1000000) AS i, LATERAL (SELECT now() - (i % 400) * interval '1 day' - random() * interval '1 day' AS t) AS x`);
    await client.query(
      `INSERT INTO rooms (wechat_room_id, topic, updated_at) SELECT 'room' || i, '社群' || i, now() FROM generate_series(1, ${ROOMS}) AS i`,
    );
    await client.query(`INSERT INTO room_members (room_id, member_id) SELECT 1 + i % ${ROOMS}, i FROM generate_series(1, ${MEMBERS}) AS i`);
    // A fifth of the members talk on some of the last 30 days.
    await client.query(`
      INSERT INTO interaction_daily (member_id, day, messages)
      SELECT DISTINCT ON (m, d) m, d, 1 + i % 7 FROM (
        SELECT i, 1 + (hashint4(i) & 2147483647) % (${MEMBERS} / 5) * 5 AS m, (current_date - (i % 30))::date AS d FROM generate_series(1, 1000000) AS i) s`);
    await client.query(`
      INSERT INTO member_rfm (member_id, last_order_at, orders, monetary_cents, layer, computed_at)
      SELECT i, now(), 10, 100000, (ARRAY['high_value','potential','new','at_risk','lost'])[1 + i % 5], now() FROM generate_series(1, ${MEMBERS}) AS i`);
    await client.query(`
      INSERT INTO layer_changes (member_id, from_layer, to_layer, changed_at)
      SELECT 1 + i % ${MEMBERS}, CASE WHEN i > ${MEMBERS} THEN (ARRAY['high_value','potential','new','at_risk'])[1 + i % 4] END,
             (ARRAY['high_value','potential','new','at_risk','lost'])[1 + (i / 7) % 5], now() - (i % 365) * interval '1 day'
      FROM generate_series(1, ${MEMBERS * 2}) AS i`);
    await client.query(`
      INSERT INTO pushes (audience, expression, variants, status, audience_count, scheduled_at, updated_at)
      SELECT 'members', '分层:流失风险', ARRAY['推送 ' || i], 'done', 30000, now() - i * interval '1 day', now() FROM generate_series(1, 30) AS i`);
    await client.query(`
      INSERT INTO flash_sales (product, price_cents, stock, room_ids, starts_at, ends_at, status, created_by_id)
      SELECT '秒杀商品' || i, 9900, 500, ARRAY[i, i + 1, i + 2], now() - i * interval '1 day', now() - i * interval '1 day' + interval '1 hour', 'ended', 1
      FROM generate_series(1, 30) AS i`);
    await client.query("UPDATE orders SET flash_sale_id = 1 + id % 30 WHERE source = 'flash_sale' AND id % 1000 = 0");
    await client.query("ANALYZE");
    process.stdout.write(
      `seeded ${MEMBERS.toLocaleString()} members, ${ORDERS.toLocaleString()} orders, 300,000 coupons, 1,000,000 deliveries, ${ROOMS} rooms in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`,
    );

    const first = await refreshConsoleRollups(app, { backfillDays: 400 });
    process.stdout.write(
      `rollup refresh, first (backfill ${first.days} days, ${first.hours} hours): ${first.ms} ms; cached views ${first.viewsMs} ms\n`,
    );
    const incremental: number[] = [];
    const views: number[] = [];
    for (let i = 0; i < 5; i++) {
      const run = await refreshConsoleRollups(app);
      incremental.push(run.ms);
      views.push(run.viewsMs);
    }
    incremental.sort((a, b) => a - b);
    views.sort((a, b) => a - b);
    process.stdout.write(
      `rollup refresh, incremental (yesterday + today, 48 hours): p50 ${quantile(incremental, 0.5)} ms, max ${incremental.at(-1)} ms\n`,
    );
    process.stdout.write(`cached views refresh (campaigns, layers, groups): p50 ${quantile(views, 0.5)} ms, max ${views.at(-1)} ms\n`);

    const http = buildHttpServer(app);
    const { code } = await issueLoginCode(app, 1);
    const login = await http.inject({ method: "POST", url: "/console/login", payload: `code=${code}` });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const pages: Array<[string, string, number, number]> = [
      ["总览 overview", "/console", 40, 300],
      ["活动 campaigns", "/console/campaigns", 10, 1000],
      ["活动 one push", "/console/campaigns/push:1", 10, 1000],
      ["会员分层 layers", "/console/layers", 10, 1000],
      ["社群 groups", "/console/groups", 10, 1000],
      ["会员 search", `/console/members?q=${encodeURIComponent(`会员${SAMPLE_MEMBER}`)}`, 10, 1000],
      ["会员 profile", `/console/members/${SAMPLE_MEMBER}`, 10, 1000],
      ["内容日历 calendar", "/console/calendar", 10, 1000],
      ["CSV campaigns", "/console/export/campaigns.csv", 5, 1000],
    ];
    let met = true;
    for (const [name, url, runs, target] of pages) {
      const times: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const start = performance.now();
        const response = await http.inject({ method: "GET", url, headers: { cookie } });
        if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        if (i >= 2) times.push(performance.now() - start); // two warm-ups
      }
      times.sort((a, b) => a - b);
      const p95 = quantile(times, 0.95);
      met &&= p95 <= target;
      process.stdout.write(
        `${name.padEnd(18)} p50 ${quantile(times, 0.5).toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  (target ≤ ${target} ms, ${runs} requests)\n`,
      );
    }
    process.stdout.write(`targets: overview p95 ≤ 300 ms, other pages ≤ 1 s → ${met ? "met" : "NOT met"}\n`);
    await http.close();
  } finally {
    await cleanup();
  }
}
