import type { Config } from "../config.js";
import type { JobRef } from "./job-ref.js";

/** When a recurring job runs: a cron pattern in the community's time zone, or a fixed interval. */
export type JobSchedule = { cron: string } | { everyMs: number };

/**
 * A kind of background work: its reference (id = the queue's name, payload schema, attempts; see
 * the feature's jobs.ts, which producers import) and a handler. `Deps` is what the handler needs (the app's
 * context); payloads are validated before handling.
 */
export interface JobDefinition<P, Deps> extends JobRef<P> {
  /** What the job does, in an operator's words: 状态 lists its queue by it (the id stays in logs and job ids). */
  label: string;
  /** Recurring jobs: a BullMQ job scheduler, which fires once per slot however many workers run. */
  schedule?: (config: Config) => JobSchedule | undefined;
  concurrency?: number;
  /** Long-running jobs: how soon a dead worker's job is taken over (BullMQ lockDuration / stalledInterval). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  handle(payload: P, deps: Deps, job: { id: string; attemptsMade: number }): Promise<unknown>;
}

/** Declares a job. The identity function exists for inference. */
export function defineJob<P, Deps>(definition: JobDefinition<P, Deps>): JobDefinition<P, Deps> {
  return definition;
}

/** The kinds of job a process knows (what the entry point passes to the app context): id and label. */
export interface JobKind {
  id: string;
  label: string;
}

/**
 * The operator's name of each kind of job, by id.
 *
 * @example jobLabels(allJobs)["recompute-rfm"] // "分层重算"
 */
export function jobLabels(kinds: readonly JobKind[]): Record<string, string> {
  return Object.fromEntries(kinds.map((kind) => [kind.id, kind.label]));
}
