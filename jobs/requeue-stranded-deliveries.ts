// Every 5 minutes: deliveries recorded but never queued (the process died in between) are queued
// again, so no reply or push is silently lost.
import { z } from "zod";
import type { AppContext } from "../src/infra/app-context.js";
import { defineJob } from "../src/infra/jobs/define-job.js";

export const requeueStrandedDeliveries = defineJob({
  id: "requeue-stranded-deliveries",
  payload: z.object({}),
  schedule: () => ({ everyMs: 5 * 60_000 }),
  async handle(_payload, app: AppContext) {
    // Older than a minute: a younger row may still be on its way to the queue.
    const requeued = await app.outbox.requeueStranded(new Date(app.clock.now().getTime() - 60_000));
    if (requeued > 0) app.logger.warn({ requeued }, "requeued stranded deliveries");
    return { requeued };
  },
});
