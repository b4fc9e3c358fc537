import { type JobsOptions, Queue } from "bullmq";
import type { Config } from "../config.js";
import { type RedisClient, taggedQueueName, watchQueueErrors } from "../redis.js";
import { type JobDefinition, type JobKind, jobLabels } from "./define-job.js";
import type { JobRef } from "./job-ref.js";

// biome-ignore lint/suspicious/noExplicitAny: payload types differ per job; each handler parses its own with its zod schema.
type AnyJob = JobDefinition<any, any>;

export interface AddJobOptions {
  /** Makes the add idempotent: a job with this id that still exists is not added again. */
  jobId?: string;
  delayMs?: number;
}

/** The queue of a kind of job: its id in a hash tag, so each kind's queue has its own cluster slot. */
export function jobQueueName(id: string): string {
  return taggedQueueName(id);
}

/**
 * The producer side of jobs/: one BullMQ queue per kind of job, opened on first use. `kinds` are the
 * jobs the entry point runs (jobs/index.ts), so 状态 can name every queue without importing jobs/.
 */
export class JobQueues {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: RedisClient,
    private readonly prefix: string,
    private readonly kinds: readonly JobKind[] = [],
  ) {}

  /** The operator's name of every kind of job this process was told about, by id (in jobs/index.ts order). */
  labels(): Record<string, string> {
    return jobLabels(this.kinds);
  }

  queue(id: string): Queue {
    let queue = this.queues.get(id);
    if (!queue) {
      queue = watchQueueErrors(new Queue(jobQueueName(id), { connection: this.connection, prefix: this.prefix }), this.connection);
      this.queues.set(id, queue);
    }
    return queue;
  }

  /**
   * Queues one job of `definition`. The payload is checked here too, so a bad producer fails loudly.
   *
   * @example await jobs.add(flashSaleTimer, { saleId: 12, step: "reminder" }, { jobId: "flash-12-reminder", delayMs })
   */
  async add<P>(definition: JobRef<P>, payload: P, options: AddJobOptions = {}): Promise<void> {
    const data = definition.payload.parse(payload);
    const opts: JobsOptions = {
      jobId: options.jobId,
      delay: options.delayMs && options.delayMs > 0 ? options.delayMs : undefined,
      attempts: definition.attempts ?? 3,
      backoff: { type: "exponential", delay: 2000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    };
    await this.queue(definition.id).add(definition.id, data, opts);
  }

  /** Removes a delayed job that is no longer wanted (a cancelled sale's reminder). */
  async remove(definitionId: string, jobId: string): Promise<void> {
    await this.queue(definitionId).remove(jobId);
  }

  /** Creates or updates the job schedulers of recurring jobs (idempotent; safe from every worker). */
  async schedule(definitions: readonly AnyJob[], config: Config): Promise<void> {
    for (const definition of definitions) {
      const schedule = definition.schedule?.(config);
      if (!schedule) continue;
      const repeat = "cron" in schedule ? { pattern: schedule.cron, tz: config.timeZone } : { every: schedule.everyMs };
      await this.queue(definition.id).upsertJobScheduler(definition.id, repeat, {
        name: definition.id,
        data: definition.payload.parse({}),
        opts: { attempts: definition.attempts ?? 3, removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } },
      });
    }
  }

  /**
   * Job counts per queue. Pass the ids to count: a process that only produces (the bot) has not
   * opened most queues, and the default lists only those it has.
   */
  async depths(ids: readonly string[] = [...this.queues.keys()]): Promise<Record<string, Record<string, number>>> {
    const counts = await Promise.all(ids.map((id) => this.queue(id).getJobCounts("waiting", "prioritized", "active", "delayed", "failed")));
    return Object.fromEntries(ids.map((id, i) => [id, counts[i]!]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
