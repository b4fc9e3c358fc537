// Win-back at scale: selection (one INSERT … SELECT), coupon issue (bulk, keyed) and enqueue (outbox rows
// + BullMQ jobs) for 100,000 targets. Figures: wall time per phase, jobs/s, peak RSS of the Node process.
// Correctness (throws): exactly one coupon and one queued message per treated target, none for the holdout.
import { processWinbackRun } from "../../src/features/winback/process-winback-run.js";
import { winbackSelection, winbackSettings } from "../../src/features/winback/run-winback.js";
import { startWinbackRun } from "../../src/features/winback/select-winback-targets.js";
import { mb, openBenchDatabase, seedMembers } from "./bench-database.js";

const TARGETS = Number(process.env.BENCH_TARGETS ?? 100_000);

export default async function () {
  const { app, client, rss, cleanup } = await openBenchDatabase({ env: { WINBACK_HOLDOUT_PERCENT: "10" }, sampleRss: true });
  try {
    // Eligible members (at risk / lost) plus as many others that must not be picked.
    await seedMembers(client, TARGETS * 2, { wechatPrefix: "wb", namePrefix: "会员", firstSeenAt: "now() - interval '300 days'" });
    await client.query(`
      INSERT INTO member_rfm (member_id, orders, monetary_cents, layer, computed_at)
      SELECT id, 2, 20000, CASE WHEN id % 4 = 0 THEN 'lost' WHEN id % 2 = 0 THEN 'at_risk' ELSE 'potential' END, now() FROM members`);
    await client.query("ANALYZE members; ANALYZE member_rfm");

    const at = new Date();
    const t0 = performance.now();
    const started = await startWinbackRun(app, { ...winbackSelection(app, at), runKey: "bench", holdoutShare: 0.1 });
    if (started.kind !== "started") throw new Error("run not started");
    const t1 = performance.now();
    const processed = await processWinbackRun(app, { runId: started.run.id, at, settings: winbackSettings(app), batchSize: 1000 });
    const t2 = performance.now();
    rss.stop();

    const jobs = await app.outboxQueue.getJobCounts("waiting", "prioritized", "delayed");
    const queued = Object.values(jobs).reduce((a, b) => a + b, 0);
    const {
      rows: [c],
    } = await client.query(`SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS members FROM coupons WHERE campaign = $1`, [
      `winback:${started.run.id}`,
    ]);
    const {
      rows: [d],
    } = await client.query(`SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS members FROM deliveries WHERE campaign = $1`, [
      `winback:${started.run.id}`,
    ]);
    const {
      rows: [h],
    } = await client.query(
      `SELECT count(*)::int AS n FROM winback_targets t JOIN coupons c ON c.member_id = t.member_id WHERE t.run_id = $1 AND t.holdout`,
      [started.run.id],
    );

    const total = (t2 - t0) / 1000;
    process.stdout.write(
      `targets: ${(started.treated + started.holdout).toLocaleString()} selected (${started.treated.toLocaleString()} treated, ${started.holdout.toLocaleString()} holdout)\n`,
    );
    process.stdout.write(`selection: ${((t1 - t0) / 1000).toFixed(2)} s\n`);
    process.stdout.write(
      `coupon issue + enqueue: ${((t2 - t1) / 1000).toFixed(1)} s in ${processed.kind === "done" ? processed.batches : "?"} batches\n`,
    );
    process.stdout.write(
      `total: ${total.toFixed(1)} s, ${(started.treated / total).toFixed(0)} jobs/s (${queued.toLocaleString()} outbox jobs queued)\n`,
    );
    const heap = process.memoryUsage();
    process.stdout.write(
      `peak RSS of the Node process: ${mb(rss.peak)} (at the end: heap used ${mb(heap.heapUsed)}, external ${mb(heap.external)})\n`,
    );
    if (c.n !== started.treated || c.members !== started.treated)
      throw new Error(`coupons: ${c.n} for ${c.members} members, expected ${started.treated}`);
    if (d.n !== started.treated || d.members !== started.treated)
      throw new Error(`messages: ${d.n} for ${d.members} members, expected ${started.treated}`);
    if (h.n !== 0) throw new Error(`${h.n} holdout members got a coupon`);
    if (queued !== started.treated) throw new Error(`outbox jobs: ${queued}, expected ${started.treated}`);
  } finally {
    await cleanup();
  }
}
