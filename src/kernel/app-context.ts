import type { Config } from "./config.js";
import { ContextScope, type ScopedKey } from "./context-scope.js";
import { createDb, type Db } from "./db/client.js";
import type { JobKind } from "./jobs/define-job.js";
import { JobQueues } from "./jobs/job-queues.js";
import { createLogger, type Logger } from "./logger.js";
import { Governor } from "./outbox/governor.js";
import { BullOutbox, createOutboxQueue, type OutboxQueue } from "./outbox/outbox-queue.js";
import { createRedis, type Keyspace, keyspace, type RedisClient } from "./redis.js";
import { type Clock, systemClock } from "./time/clock.js";

/** Everything a handler, service call or job needs from the outside world, made once per process. */
export interface AppContext {
  config: Config;
  db: Db;
  redis: RedisClient;
  key: Keyspace;
  logger: Logger;
  clock: Clock;
  outbox: BullOutbox;
  outboxQueue: OutboxQueue;
  governor: Governor;
  jobs: JobQueues;
  startedAt: Date;
  /** This context's shared helper of a kind (a feature's gate or batcher), made on first use. */
  scoped<T>(key: ScopedKey<T, AppContext>): T;
  close(): Promise<void>;
}

/** `jobs`: the kinds of job the process knows (the entry point passes jobs/index.ts's allJobs), for 状态. */
export function createAppContext(
  config: Config,
  overrides: { clock?: Clock; logger?: Logger; jobs?: readonly JobKind[] } = {},
): AppContext {
  const db = createDb(config.databaseUrl);
  const logger = overrides.logger ?? createLogger(config.logLevel);
  // Named after the account: several bots may share one Redis, and the outage line says whose client it is.
  const redis = createRedis(config.redis, { logger, client: `redis:${config.account}` });
  const clock = overrides.clock ?? systemClock;
  const key = keyspace(config.redis.prefix);
  const outboxQueue = createOutboxQueue(redis, config.redis.prefix, config.account);
  const outbox = new BullOutbox({
    db,
    queue: outboxQueue,
    redis,
    prefix: config.redis.prefix,
    sweepCursorKey: (account) => key("outbox", account, "stranded-sweep-cursor"),
    account: config.account,
    clock,
    attempts: config.outbox.attempts,
    backoffMs: config.outbox.backoffMs,
  });
  const jobs = new JobQueues(redis, config.redis.prefix, overrides.jobs);
  const scope = new ContextScope<AppContext>(() => app);
  const app: AppContext = {
    config,
    db,
    redis,
    key,
    logger,
    clock,
    outboxQueue,
    outbox,
    governor: new Governor(redis, key, config.account, config.outbox),
    jobs,
    startedAt: clock.now(),
    scoped: (key) => scope.get(key),
    async close() {
      await Promise.allSettled([outboxQueue.close(), outbox.close(), jobs.close()]);
      await db.$disconnect();
      redis.disconnect();
    },
  };
  return app;
}
