// Win-back (召回): the daily run (WINBACK_CRON) and runs started by #召回 开始. Both are resumable:
// a retried or re-run job continues after the run's cursor and never issues or sends twice.
import { z } from "zod";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { localDay } from "../src/kernel/time/zone.js";
import { startWinbackRun } from "../src/features/winback/select-winback-targets.js";
import { processWinbackRun } from "../src/features/winback/process-winback-run.js";
import { checkWinbackTemplates, resumeWinbackRuns, winbackSelection, winbackSettings } from "../src/features/winback/run-winback.js";
import { winbackRunJob } from "../src/features/winback/jobs.js";

export const winbackRun = defineJob({
  ...winbackRunJob,
  async handle({ runId }, app: AppContext) {
    return processWinbackRun(app.db, app.outbox, { runId, at: app.clock.now(), settings: winbackSettings(app) });
  },
});

export const winbackDaily = defineJob({
  id: "winback-daily",
  payload: z.object({}),
  schedule: (config) => (config.winback.cron ? { cron: config.winback.cron } : undefined),
  attempts: 3,
  async handle(_payload, app: AppContext) {
    const resumed = await resumeWinbackRuns(app);
    const problem = await checkWinbackTemplates(app);
    if (problem) {
      // Selecting now would start everyone's cooldown for a run that cannot issue a coupon.
      app.logger.error({ problem }, "win-back daily run not started");
      return { resumed, started: "noTemplate", problem };
    }
    const at = app.clock.now();
    const started = await startWinbackRun(app.db, { ...winbackSelection(app, at), runKey: `daily:${localDay(at, app.config.timeZone)}`, holdoutShare: app.config.winback.holdoutShare });
    const processed = await processWinbackRun(app.db, app.outbox, { runId: started.run.id, at, settings: winbackSettings(app) });
    return { resumed, run: started.run.id, started: started.kind, processed };
  },
});
