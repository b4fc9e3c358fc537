// Real PostgreSQL and Redis for a test file: its own database (copied from the migrated template)
// and its own Redis prefix, removed afterwards.
import { randomUUID } from "node:crypto";
import { allJobs } from "../../jobs/index.js";
import { type AppContext, createAppContext } from "../../src/kernel/app-context.js";
import { type Config, loadConfig } from "../../src/kernel/config.js";
import { createScratchDatabase } from "../../src/kernel/db/admin.js";
import { createRedis, deleteKeysUnder } from "../../src/kernel/redis.js";
import type { Clock } from "../../src/kernel/time/clock.js";
import { TEST_SPEED_ENV } from "../../src/sim/test-speed.js";

export interface TestEnv {
  config: Config;
  /** Removes the database and the Redis keys. */
  cleanup(): Promise<void>;
}

/** A configuration with a fresh database and Redis prefix; `env` overrides the test-speed defaults. */
export async function createTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const base = loadConfig();
  const database = await createScratchDatabase(base.databaseUrl, "t");
  const prefix = `siyu-test-${randomUUID()}`;
  const config = loadConfig({
    ...process.env,
    ...TEST_SPEED_ENV,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    ...env,
    DATABASE_URL: database.url,
    REDIS_PREFIX: prefix,
  });
  return {
    config,
    async cleanup() {
      const redis = createRedis(config.redis);
      await deleteKeysUnder(redis, prefix).finally(() => redis.disconnect());
      await database.drop();
    },
  };
}

/** An app context (db, redis, outbox, …) over a fresh test environment. */
export async function createTestApp(
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<{ app: AppContext; cleanup(): Promise<void> }> {
  const testEnv = await createTestEnv(env);
  const app = createAppContext(testEnv.config, { clock, jobs: allJobs });
  return {
    app,
    async cleanup() {
      await app.close();
      await testEnv.cleanup();
    },
  };
}
