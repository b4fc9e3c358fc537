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
    // Older than a minute: a younger row may still be on its way to the queue. Every account's queue
    // (docs/fleet.md): a delivery is queued on the account it was routed to.
    const olderThan = new Date(app.clock.now().getTime() - 60_000);
    const fleet = await app.db.botAccount.findMany({ where: { state: { not: "retired" } }, select: { name: true } });
    let requeued = 0;
    let retried = 0;
    for (const account of new Set([app.config.account, ...fleet.map((a) => a.name)])) {
      requeued += await app.outbox.requeueStranded(olderThan, undefined, account);
      retried += await app.outbox.retryFailed(undefined, account);
    }
    if (requeued + retried > 0)
      app.logger.warn({ requeued, retried }, "requeued stranded deliveries and retried failed jobs of unsent ones");
    return { requeued, retried };
  },
});
