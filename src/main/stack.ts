import type { Worker } from "bullmq";
import { allJobs } from "../../jobs/index.js";
import { requeueStrandedDeliveries } from "../../jobs/requeue-stranded-deliveries.js";
import type { MockWorld } from "../bot/mock-world.js";
import { type RunningBot, startBot } from "../bot/start-bot.js";
import { type AppContext, createAppContext } from "../kernel/app-context.js";
import type { Config } from "../kernel/config.js";
import { DatabaseWatch } from "../kernel/db/database-watch.js";
import { jobQueueName } from "../kernel/jobs/job-queues.js";
import { startJobWorkers } from "../kernel/jobs/job-workers.js";
import type { Logger } from "../kernel/logger.js";
import { moveUntaggedRedisNames } from "../kernel/move-untagged-redis-names.js";
import { outboxQueueName } from "../kernel/outbox/outbox-queue.js";
import type { Clock } from "../kernel/time/clock.js";

export interface Stack {
  app: AppContext;
  bot?: RunningBot;
  workers: Worker[];
  stop(): Promise<void>;
}

/**
 * Schedules the recurring jobs and starts a worker for every kind of job in jobs/. Jobs wait out a
 * database outage; when it ends, the stranded-delivery sweep runs at once rather than in 5 minutes.
 */
export async function startJobs(app: AppContext): Promise<Worker[]> {
  await app.jobs.schedule(allJobs, app.config);
  const databaseWatch = new DatabaseWatch(app.db, app.logger, {
    role: "jobs",
    onRecovered: () => app.jobs.add(requeueStrandedDeliveries, {}, { jobId: `requeue-stranded-after-outage-${app.clock.now().getTime()}` }),
  });
  return startJobWorkers(allJobs, app, { connection: app.redis, prefix: app.config.redis.prefix, logger: app.logger, databaseWatch });
}

/**
 * Bot and/or worker in one process: what `npm run bot`, `npm run worker`, the demo, the scenario
 * runner and end-to-end tests start. Stopping drains in order: stop taking work, finish what is
 * in hand, then close queues and connections.
 */
export async function startStack(
  config: Config,
  options: { bot?: boolean; worker?: boolean; world?: MockWorld; clock?: Clock; logger?: Logger } = {},
): Promise<Stack> {
  // Told every kind of job, so 状态 names them all, also in a process that runs none (the bot).
  const app = createAppContext(config, { clock: options.clock, logger: options.logger, jobs: allJobs });
  // The upgrade to hash-tagged names (docs/deployment.md, "Upgrading"): a no-op once done.
  const queues = [
    { from: `outbox-${config.account}`, to: outboxQueueName(config.account) },
    ...allJobs.map((job) => ({ from: job.id, to: jobQueueName(job.id) })),
  ];
  await moveUntaggedRedisNames(app.redis, config.redis.prefix, queues, app.logger);
  const workers = options.worker === false ? [] : await startJobs(app);
  const bot = options.bot === false ? undefined : await startBot(app, { world: options.world });
  return {
    app,
    bot,
    workers,
    async stop() {
      // Messages first (their replies still go out), then jobs, then the outbox sender, then connections.
      await bot?.stopTakingMessages();
      await Promise.all(workers.map((worker) => worker.close()));
      await bot?.stop();
      await app.close();
    },
  };
}
