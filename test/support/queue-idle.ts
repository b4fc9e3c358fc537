import type { Queue } from "bullmq";

export interface QueueIdleOptions {
  /**
   * Delayed jobs due after this instant (epoch ms) do not count: they cannot run before it (a delivery
   * deferred to the morning). Without it every delayed job counts.
   */
  dueBefore?: number;
}

/**
 * Resolves once `queue` holds nothing waiting, prioritized, active or delayed: every job added so far
 * has finished. Tests that prove something was NOT sent wait for this, then assert, instead of sleeping.
 *
 * @example await waitForQueueIdle(app.outboxQueue); expect(sender.sends).toHaveLength(1);
 */
export async function waitForQueueIdle(queue: Queue, ms = 10_000, options: QueueIdleOptions = {}): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const counts = await pendingCounts(queue, options.dueBefore);
    const pending = Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`queue ${queue.name} not idle within ${ms} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function pendingCounts(queue: Queue, dueBefore: number | undefined): Promise<Record<string, number>> {
  if (dueBefore === undefined) return queue.getJobCounts("waiting", "prioritized", "active", "delayed", "waiting-children");
  // The delayed jobs are read BEFORE the other counts: a job promoted in between (delayed → active) is
  // then seen in one of the two reads, never in neither. job.delay is relative to when it was last
  // delayed, so timestamp + delay is at or before the true due time: a job is never wrongly left out.
  const delayed = await queue.getDelayed();
  const counts = await queue.getJobCounts("waiting", "prioritized", "active", "waiting-children");
  return { ...counts, delayed: delayed.filter((job) => job.timestamp + job.delay <= dueBefore).length };
}
