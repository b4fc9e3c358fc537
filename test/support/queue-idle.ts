import type { Queue } from "bullmq";

/**
 * Resolves once `queue` holds nothing waiting, prioritized, active or delayed: every job added so far
 * has finished. Tests that prove something was NOT sent wait for this, then assert, instead of sleeping.
 *
 * @example await waitForQueueIdle(app.outboxQueue); expect(sender.sends).toHaveLength(1);
 */
export async function waitForQueueIdle(queue: Queue, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const counts = await queue.getJobCounts("waiting", "prioritized", "active", "delayed", "waiting-children");
    const pending = Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`queue ${queue.name} not idle within ${ms} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
