// Governor accuracy: 1,000 marketing sends (kind push, 1,000 members) through the real outbox sender
// with a recording MessageSender, at a configured 5/s (OUTBOX_RATE_PER_MINUTE=300, burst 5) and a
// 0–200 ms jitter. Prints the measured rate, the largest burst in any 1 s window and the spread of gaps.
import { createAppContext } from "../../src/kernel/app-context.js";
import type { MessageSender, SendTarget } from "../../src/kernel/outbox/message-sender.js";
import { createAccountOutboxWorker } from "../../src/kernel/outbox/outbox-sender.js";
import { createTestEnv } from "../support/test-app.js";

const SENDS = Number(process.env.BENCH_SENDS ?? 1000);
const RATE_PER_SECOND = 5;
const BURST = 5;

export default async function governorBench() {
  const env = await createTestEnv({
    OUTBOX_RATE_PER_MINUTE: String(RATE_PER_SECOND * 60),
    OUTBOX_BURST: String(BURST),
    OUTBOX_JITTER_MS: "0-200",
    OUTBOX_DAILY_CAPS: `push=${SENDS * 2}`,
    QUIET_HOURS: "off",
  });
  const app = createAppContext(env.config);
  const sentAt: number[] = [];
  const targets = new Set<string>();
  const sender: MessageSender = {
    async send(target: SendTarget) {
      sentAt.push(performance.now());
      targets.add(target.kind === "member" ? target.wechatId : target.wechatRoomId);
    },
  };
  try {
    await app.db.$executeRaw`insert into members (wechat_id, name) select 'gov' || g, '会员' || g from generate_series(1, ${SENDS}::int) g`;
    const members = await app.db.member.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    await app.outbox.sendMany(
      members.map((m) => ({ kind: "push", to: { memberId: m.id }, text: "冬季新品", dedupeKey: `gov:${m.id}`, campaign: "bench" })),
    );

    const { config } = app;
    const worker = createAccountOutboxWorker(app, { sender, quietHours: null });
    const started = performance.now();
    while (sentAt.length < SENDS && performance.now() - started < 400_000) await new Promise((r) => setTimeout(r, 250));
    await worker.close();

    const gaps = sentAt.slice(1).map((t, i) => t - sentAt[i]!);
    const sorted = [...gaps].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    let maxBurst = 0;
    for (let i = 0, j = 0; i < sentAt.length; i++) {
      while (sentAt[i]! - sentAt[j]! >= 1000) j++;
      maxBurst = Math.max(maxBurst, i - j + 1);
    }
    // Steady state: after the initial bucket of BURST tokens is spent.
    const steady = sentAt.slice(BURST);
    const steadyRate = (steady.length - 1) / ((steady[steady.length - 1]! - steady[0]!) / 1000);
    const overall = (sentAt.length - 1) / ((sentAt[sentAt.length - 1]! - sentAt[0]!) / 1000);
    process.stdout.write(
      `${[
        `configured: ${RATE_PER_SECOND}/s (OUTBOX_RATE_PER_MINUTE=${RATE_PER_SECOND * 60}), burst ${BURST}, jitter ${config.outbox.jitterMs.min}-${config.outbox.jitterMs.max} ms`,
        `sends: ${sentAt.length} in ${((sentAt[sentAt.length - 1]! - sentAt[0]!) / 1000).toFixed(1)} s`,
        `measured rate: ${overall.toFixed(3)}/s overall, ${steadyRate.toFixed(3)}/s after the first ${BURST} (error ${(((steadyRate - RATE_PER_SECOND) / RATE_PER_SECOND) * 100).toFixed(1)}%)`,
        `max burst: ${maxBurst} sends in a 1 s window (bucket ${BURST} + ${RATE_PER_SECOND}/s refill, sends up to ${config.outbox.jitterMs.max} ms after their token)`,
        `gaps between sends (ms): min ${pct(0).toFixed(0)}, p5 ${pct(5).toFixed(0)}, p50 ${pct(50).toFixed(0)}, p95 ${pct(95).toFixed(0)}, max ${pct(100).toFixed(0)}, mean ${mean.toFixed(0)} ± ${sd.toFixed(0)} (cv ${(sd / mean).toFixed(2)})`,
      ].join("\n")}\n`,
    );
    const rows = await app.db.delivery.groupBy({ by: ["status"], where: { campaign: "bench" }, _count: { _all: true } });
    if (sentAt.length !== SENDS || targets.size !== SENDS)
      throw new Error(`${sentAt.length} sends to ${targets.size} members, expected ${SENDS}`);
    if (rows.length !== 1 || rows[0]!.status !== "sent") throw new Error(`delivery rows not all sent: ${JSON.stringify(rows)}`);
    // A send leaves up to jitter.max after its token: any 1 s of sends took its tokens within 1 s + jitter.max.
    const allowed = BURST + Math.ceil(RATE_PER_SECOND * (1 + config.outbox.jitterMs.max / 1000));
    if (maxBurst > allowed) throw new Error(`burst ${maxBurst} exceeds the bucket (${allowed})`);
  } finally {
    await app.outboxQueue.obliterate({ force: true }).catch(() => undefined);
    await app.close();
    await env.cleanup();
  }
}
