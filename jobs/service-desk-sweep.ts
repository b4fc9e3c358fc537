// Every minute: ticket marks and follow-ups the database says are due but whose delayed job was lost are
// run now; those to come get their job again (same ids). Everything it calls is idempotent.
import { z } from "zod";
import { sweepTickets } from "../src/features/service-desk/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const serviceDeskSweep = defineJob({
  id: "service-desk-sweep",
  label: "工单检查",
  payload: z.object({}),
  schedule: () => ({ everyMs: 60_000 }),
  async handle(_payload, app: AppContext) {
    // 30 s of grace: a timer due just now is most likely running.
    const result = await sweepTickets(app, { graceMs: 30_000 });
    if (result.marksRun + result.followupsRun > 0) app.logger.warn(result, "service desk sweep caught up");
    return result;
  },
});
