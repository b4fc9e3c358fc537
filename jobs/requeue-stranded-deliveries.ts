// Every 5 minutes, and at once when the database is back after an outage: deliveries recorded but
// never queued (the process died in between), and failed jobs whose delivery is still queued (they
// spent their attempts while the database or Redis was away), are queued again, so no reply or push
// is silently lost.
import { z } from "zod";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const requeueStrandedDeliveries = defineJob({
  id: "requeue-stranded-deliveries",
  label: "补发滞留消息",
  payload: z.object({}),
  schedule: () => ({ everyMs: 5 * 60_000 }),
  async handle(_payload, app: AppContext) {
    // Older than a minute: a younger row may still be on its way to the queue.
    const requeued = await app.outbox.requeueStranded(new Date(app.clock.now().getTime() - 60_000));
    const retried = await app.outbox.retryFailed();
    if (requeued + retried > 0)
      app.logger.warn({ requeued, retried }, "requeued stranded deliveries and retried failed jobs of unsent ones");
    return { requeued, retried };
  },
});
