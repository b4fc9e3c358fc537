// One benchmark process (spawned 4× by flash-sale.bench.ts and group-buy.bench.ts): its own connections,
// a share of the attempts, and a start barrier so all processes hit the gate at once.
// Protocol: prints "ready", waits for a line on stdin, runs, prints "result <json>".
import { createInterface } from "node:readline";
import { completeGrab, decideGrab } from "../../src/features/flash-sales/index.js";
import { joinGroupBuy } from "../../src/features/group-buys/index.js";
import { createAppContext } from "../../src/kernel/app-context.js";
import { loadConfig } from "../../src/kernel/config.js";

export interface WorkerParams {
  mode: "gate" | "naive" | "join";
  saleId: number;
  roomId: number;
  stock: number;
  memberIds: number[];
  concurrency: number;
  /** A sale of its own to grab once before the barrier: a long-running bot process is warm. */
  warmupSaleId?: number;
}

export interface WorkerResult {
  startedAt: number;
  decidedAt: number;
  durableAt: number;
  latenciesMs: number[];
  outcomes: Record<string, number>;
}

const params = JSON.parse(process.env.BENCH_PARAMS!) as WorkerParams;
const app = createAppContext(loadConfig());

async function naiveGrab(memberId: number, saleId = params.saleId): Promise<string> {
  // The naive gate: read the stock and the member's orders, then insert, in one transaction at the
  // default isolation level (READ COMMITTED). Concurrent transactions all read the same counts.
  return app.db.$transaction(
    async (tx) => {
      const sold = await tx.order.count({ where: { flashSaleId: saleId, status: { in: ["pending", "paid"] } } });
      if (sold >= params.stock) return "soldOut";
      const mine = await tx.order.count({ where: { flashSaleId: saleId, memberId } });
      if (mine >= 1) return "limitReached";
      await tx.order.create({
        data: {
          orderNo: `N${memberId}-${Math.random().toString(36).slice(2, 12)}`,
          source: "flash_sale",
          memberId,
          amountCents: 100,
          flashSaleId: saleId,
        },
      });
      return "won";
    },
    { maxWait: 120_000, timeout: 120_000 },
  );
}

async function run(): Promise<WorkerResult> {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const writes: Promise<void>[] = [];
  let durableAt = 0;
  let next = 0;
  const startedAt = Date.now();
  async function lane() {
    while (next < params.memberIds.length) {
      const memberId = params.memberIds[next++]!;
      const t0 = performance.now();
      let kind: string;
      try {
        if (params.mode === "gate") {
          const decision = await decideGrab(app, { saleId: params.saleId, memberId, roomId: params.roomId });
          kind = decision.kind;
          if (decision.kind === "won") {
            writes.push(
              completeGrab(app, { saleId: params.saleId, memberId }, decision).then(() => {
                durableAt = Date.now();
              }),
            );
          }
        } else if (params.mode === "naive") {
          kind = await naiveGrab(memberId);
          if (kind === "won") durableAt = Date.now();
        } else {
          kind = (await joinGroupBuy(app, { groupBuyId: params.saleId, memberId, roomId: params.roomId, choice: { kind: "any" } })).kind;
        }
      } catch (error) {
        kind = `error: ${(error as Error).message.split("\n")[0]}`;
      }
      latencies.push(performance.now() - t0);
      outcomes[kind] = (outcomes[kind] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: params.concurrency }, lane));
  const decidedAt = Date.now();
  await Promise.all(writes);
  return { startedAt, decidedAt, durableAt: durableAt || decidedAt, latenciesMs: latencies, outcomes };
}

// Warm up the connections (pool, Redis scripts) before the barrier.
await app.db.$queryRaw`SELECT 1`;
await app.redis.ping();
if (params.warmupSaleId !== undefined) {
  // Warm the whole write path (query plans, queue scripts, the outbox) on a sale of its own.
  for (const memberId of params.memberIds.slice(0, 3)) {
    if (params.mode === "naive") {
      await naiveGrab(memberId, params.warmupSaleId);
      continue;
    }
    if (params.mode === "join") {
      await joinGroupBuy(app, { groupBuyId: params.warmupSaleId, memberId, roomId: params.roomId, choice: { kind: "any" } });
      continue;
    }
    const warm = await decideGrab(app, { saleId: params.warmupSaleId, memberId, roomId: params.roomId });
    if (warm.kind === "won") await completeGrab(app, { saleId: params.warmupSaleId, memberId }, warm);
  }
}
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
const result = await run();
lines.close();
await app.close();
// Exit only once the (large) result line has reached the pipe.
process.stdout.write(`result ${JSON.stringify(result)}\n`, () => process.exit(0));
