// Shared by the sales benchmarks: a scratch database and Redis prefix, and N worker processes started
// together behind a barrier.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type AppContext, createAppContext } from "../../src/kernel/app-context.js";
import { type Config, loadConfig } from "../../src/kernel/config.js";
import { createScratchDatabase } from "../../src/kernel/db/admin.js";
import { createRedis, deleteKeysUnder } from "../../src/kernel/redis.js";
import { TEST_SPEED_ENV } from "../../src/sim/test-speed.js";
import type { WorkerParams, WorkerResult } from "./sales-bench-worker.js";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface BenchEnv {
  env: Record<string, string>;
  config: Config;
  app: AppContext;
  cleanup(): Promise<void>;
}

export async function createBenchEnv(): Promise<BenchEnv> {
  const base = loadConfig();
  const database = await createScratchDatabase(base.databaseUrl, "b");
  const prefix = `siyu-bench-${randomUUID()}`;
  const env = { ...TEST_SPEED_ENV, LOG_LEVEL: "silent", DATABASE_URL: database.url, REDIS_PREFIX: prefix };
  const config = loadConfig({ ...process.env, ...env });
  const app = createAppContext(config);
  return {
    env,
    config,
    app,
    async cleanup() {
      await app.close();
      const redis = createRedis(config.redis);
      await deleteKeysUnder(redis, prefix).finally(() => redis.disconnect());
      await database.drop();
    },
  };
}

/** Starts one process per params, waits until all are ready, releases them at once, collects results. */
export async function runWorkers(env: Record<string, string>, all: WorkerParams[]): Promise<WorkerResult[]> {
  const children = all.map((params) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "sales-bench-worker.ts")], {
      env: { ...process.env, ...env, BENCH_PARAMS: JSON.stringify(params) },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout! });
    let onReady: () => void;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    const result = new Promise<WorkerResult>((resolve, reject) => {
      lines.on("line", (line) => {
        if (line === "ready") onReady();
        else if (line.startsWith("result ")) resolve(JSON.parse(line.slice(7)) as WorkerResult);
      });
      child.on("exit", (code) => reject(new Error(`bench worker exited with ${code}`)));
    });
    return { child, ready, result };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin!.write("go\n");
  return Promise.all(children.map((c) => c.result));
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarise(results: WorkerResult[]) {
  const start = Math.min(...results.map((r) => r.startedAt));
  const decided = Math.max(...results.map((r) => r.decidedAt));
  const durable = Math.max(...results.map((r) => r.durableAt));
  const latencies = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const outcomes: Record<string, number> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + n;
  return {
    attempts: latencies.length,
    seconds: (decided - start) / 1000,
    perSecond: latencies.length / ((decided - start) / 1000),
    durableMs: durable - start,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    outcomes,
  };
}

/** Each process gets every member once, in its own shuffled order (so the same member races itself). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed * 2654435761 + 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
