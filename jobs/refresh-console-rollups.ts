// Every minute: the console's daily and hourly rollups, refreshed incrementally (yesterday to today, the
// last 48 hours); the overview and the 30-day chart read them instead of scanning orders per page view.
// Once a day (or with { full: true }) the last 35 days are recomputed, so a late refund shows there too.
import { z } from "zod";
import { refreshConsoleRollups as refresh } from "../src/features/console/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const refreshConsoleRollups = defineJob({
  id: "console-rollups",
  label: "后台看板汇总",
  payload: z.object({ full: z.boolean().optional() }),
  schedule: () => ({ everyMs: 60_000 }),
  async handle(payload, app: AppContext) {
    return refresh(app, { full: payload.full });
  },
});
