import { UnrecoverableError, Worker } from "bullmq";
import type { DatabaseWatch } from "../db/database-watch.js";
import type { Logger } from "../logger.js";
import { type RedisClient, workerErrorHandler } from "../redis.js";
import type { JobDefinition } from "./define-job.js";
import { jobQueueName } from "./job-queues.js";

// biome-ignore lint/suspicious/noExplicitAny: payload types differ per job; each handler parses its own with its zod schema.
type AnyJob<Deps> = JobDefinition<any, Deps>;

/**
 * Starts one BullMQ worker per job definition. A payload that fails its schema is not retried
 * (retrying cannot fix it); a handler's error is logged with the job and retried with back-off.
 * With `databaseWatch`, a handler that fails because the database is away waits for it and runs
 * again, spending no attempt (handlers are safe to run twice): an outage loses no job.
 */
export function startJobWorkers<Deps>(
  definitions: readonly AnyJob<Deps>[],
  deps: Deps,
  options: { connection: RedisClient; prefix: string; logger: Logger; databaseWatch?: DatabaseWatch },
): Worker[] {
  const watch = options.databaseWatch;
  return definitions.map((definition) => {
    const worker = new Worker(
      jobQueueName(definition.id),
      async (job) => {
        const parsed = definition.payload.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`bad payload for ${definition.id}: ${parsed.error.message}`);
        const handle = () => definition.handle(parsed.data, deps, { id: job.id ?? "", attemptsMade: job.attemptsMade });
        return watch ? watch.retrying(handle) : handle();
      },
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: definition.concurrency ?? 1,
        ...(definition.lockDurationMs ? { lockDuration: definition.lockDurationMs } : {}),
        ...(definition.stalledIntervalMs ? { stalledInterval: definition.stalledIntervalMs } : {}),
      },
    );
    worker.on("failed", (job, error) =>
      options.logger.error({ job: definition.id, jobId: job?.id, attempt: job?.attemptsMade, err: error }, "job failed"),
    );
    if (watch) worker.on("closing", () => watch.stop());
    worker.on("error", workerErrorHandler(options.connection, options.logger, "job worker error", { job: definition.id }));
    return worker;
  });
}
