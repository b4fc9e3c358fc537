// Shared by the benchmarks that seed PostgreSQL in SQL (generate_series) and measure set-based work: a
// test environment with its app context and a plain pg client for the seeding, a sampler of the Node
// process's peak RSS, the secondary indexes of orders dropped for a quick seed, and the members seeded.
import pg from "pg";
import { type AppContext, createAppContext } from "../../src/kernel/app-context.js";
import { createTestEnv } from "../support/test-app.js";

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The highest RSS of the Node process seen since it started (or since `reset`), sampled every 25 ms. */
export interface PeakRss {
  readonly peak: number;
  /** Starts over from the current RSS, e.g. once the seeding is done and the measured work begins. */
  reset(): void;
  /** Stops sampling (idempotent), so that what follows the measured work does not count. */
  stop(): void;
}

export interface BenchDatabase {
  app: AppContext;
  client: pg.Client;
  /** Stops the sampler, closes the client and the app, removes the database and the Redis keys. */
  cleanup(): Promise<void>;
}

export interface BenchDatabaseOptions {
  /** Overrides the test environment's defaults. */
  env?: Record<string, string>;
  /** Starts a peak-RSS sampler along with the database (stopped by `cleanup` if not before). */
  sampleRss?: boolean;
}

/** A fresh test environment with an app context and a connected client, and with `sampleRss` the sampler. */
export async function openBenchDatabase(options: BenchDatabaseOptions & { sampleRss: true }): Promise<BenchDatabase & { rss: PeakRss }>;
export async function openBenchDatabase(options?: BenchDatabaseOptions): Promise<BenchDatabase>;
export async function openBenchDatabase({ env = {}, sampleRss = false }: BenchDatabaseOptions = {}) {
  const testEnv = await createTestEnv({ LOG_LEVEL: "silent", ...env });
  const app = createAppContext(testEnv.config);
  const client = new pg.Client({ connectionString: testEnv.config.databaseUrl });
  let rss: PeakRss | undefined;
  const cleanup = async () => {
    rss?.stop();
    await client.end();
    await app.close();
    await testEnv.cleanup();
  };
  try {
    await client.connect();
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
  if (sampleRss) rss = startPeakRss();
  return { app, client, rss, cleanup };
}

/** The scale the SQL-seeded benchmarks run at: BENCH_MEMBERS and BENCH_ORDERS, 500,000 and 5,000,000 unless set. */
export function benchScale(): { members: number; orders: number } {
  return { members: Number(process.env.BENCH_MEMBERS ?? 500_000), orders: Number(process.env.BENCH_ORDERS ?? 5_000_000) };
}

function startPeakRss(): PeakRss {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return {
    get peak() {
      return peak;
    },
    reset() {
      peak = process.memoryUsage().rss;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** The secondary indexes of orders the seeding benchmarks drop, before the rows go in. */
const ORDER_INDEXES = [
  "orders_order_no_key",
  "orders_external_id_key",
  "orders_member_id_status_placed_at_idx",
  "orders_shop_customer_id_idx",
  "orders_status_expires_at_idx",
];

/** Drops the secondary indexes of orders, and the `extra` ones a benchmark also does without. */
export async function dropOrderIndexes(client: pg.Client, ...extra: string[]): Promise<void> {
  await client.query(`DROP INDEX IF EXISTS ${[...ORDER_INDEXES, ...extra].join(", ")}`);
}

export interface MemberSeed {
  /** wechat_id is this followed by 1…count. */
  wechatPrefix?: string;
  /** name is this followed by 1…count. */
  namePrefix?: string;
  /** An SQL expression for first_seen_at. */
  firstSeenAt?: string;
}

/** Inserts `count` members (ids 1…count in a fresh database), last seen now. */
export async function seedMembers(
  client: pg.Client,
  count: number,
  { wechatPrefix = "bench", namePrefix = "M", firstSeenAt = "now() - random() * interval '700 days'" }: MemberSeed = {},
): Promise<void> {
  await client.query(`
      INSERT INTO members (wechat_id, name, first_seen_at, last_seen_at)
      SELECT '${wechatPrefix}' || i, '${namePrefix}' || i, ${firstSeenAt}, now() FROM generate_series(1, ${count}) AS i`);
}
