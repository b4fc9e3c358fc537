// Push fan-out to a 500,000-member segment: segment evaluation (the audience count with opt-outs and
// caps, then keyset pages) + one delivery row per member + the outbox jobs. The sender is not run: the
// outbox queue is only filled. Targets: ≤ 120 s, peak RSS < 300 MB. Everything is removed afterwards.

import { createPush } from "../../src/features/pushes/create-push.js";
import { fanOutPush } from "../../src/features/pushes/fan-out-push.js";
import { createAppContext } from "../../src/kernel/app-context.js";
import { createTestEnv } from "../support/test-app.js";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500_000);

export default async function pushFanOutBench() {
  const env = await createTestEnv({
    PUSH_CONFIRM_ABOVE: String(MEMBERS * 2),
    ...(process.env.PUSH_BATCH_SIZE ? { PUSH_BATCH_SIZE: process.env.PUSH_BATCH_SIZE } : {}),
  });
  const app = createAppContext(env.config);
  try {
    const seedStart = performance.now();
    await app.db.$executeRaw`insert into members (wechat_id, name, opted_out_at)
      select 'bench' || g, '会员' || g, case when g % 50 = 7 then now() else null end from generate_series(1, ${MEMBERS}::int) g`;
    const tag = await app.db.tag.create({ data: { name: "母婴" } });
    const vip = await app.db.tag.upsert({
      where: { category_name: { category: "layer", name: "高价值" } },
      create: { category: "layer", name: "高价值" },
      update: {},
    });
    await app.db.$executeRaw`insert into member_tags (member_id, tag_id, source) select id, ${tag.id}::int, 'manual' from members`;
    await app.db
      .$executeRaw`insert into member_tags (member_id, tag_id, source) select id, ${vip.id}::int, 'rfm' from members where id % 10 = 0`;
    await app.db.$executeRaw`analyze`;
    process.stdout.write(
      `seeded ${MEMBERS} members (every 50th opted out) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (not counted)\n`,
    );

    let peakRss = process.memoryUsage().rss;
    let atPeak = process.memoryUsage();
    const baseRss = peakRss;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      if (usage.rss > peakRss) [peakRss, atPeak] = [usage.rss, usage];
    }, 50);
    const start = performance.now();
    const created = await createPush(app, {
      text: "标签:母婴 且 非 分层:高价值 |{昵称}，冬季新品到了 |{昵称}你好，上新啦",
      createdById: 1,
    });
    if (created.kind !== "created") throw new Error(`push not created: ${JSON.stringify(created)}`);
    const previewMs = performance.now() - start;
    const outcome = await fanOutPush(app, created.pushId);
    const totalMs = performance.now() - start;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const expected = MEMBERS - MEMBERS / 10; // every 10th is 高价值
    const rows = await app.db.delivery.count({ where: { campaign: `push:${created.pushId}` } });
    const counts = await app.outboxQueue.getJobCounts("waiting", "prioritized", "delayed");
    const enqueued = (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
    process.stdout.write(
      `${[
        `audience: ${created.counts.total} matched (opted out ${created.counts.optedOut}, capped ${created.counts.capped}) → ${outcome.kind === "done" ? outcome.queued : outcome.kind} queued`,
        `preview (count with opt-outs and caps): ${(previewMs / 1000).toFixed(1)} s`,
        `fan-out total (preview + segment pages + delivery rows + enqueue): ${(totalMs / 1000).toFixed(1)} s  (target ≤ 120 s)`,
        `rate: ${Math.round(rows / (totalMs / 1000))} deliveries/s, batch ${app.config.pushes.batchSize}`,
        `peak RSS: ${(peakRss / 1048576).toFixed(0)} MB (at start ${(baseRss / 1048576).toFixed(0)} MB; at the peak heap ${(atPeak.heapUsed / 1048576).toFixed(0)}/${(atPeak.heapTotal / 1048576).toFixed(0)} MB, external ${(atPeak.external / 1048576).toFixed(0)} MB)  (target < 300 MB)`,
        `delivery rows: ${rows}, outbox jobs: ${enqueued}`,
      ].join("\n")}\n`,
    );
    if (created.counts.total !== expected) throw new Error(`segment matched ${created.counts.total}, expected ${expected}`);
    if (rows !== expected) throw new Error(`${rows} delivery rows, expected ${expected}`);
    if (enqueued !== expected) throw new Error(`${enqueued} outbox jobs, expected ${expected}`);
  } finally {
    await app.outboxQueue.obliterate({ force: true }).catch(() => undefined);
    await app.close();
    await env.cleanup();
  }
}
