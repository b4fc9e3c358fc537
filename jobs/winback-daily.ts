// Win-back (召回): the daily run (WINBACK_CRON). Resumable: a retried job continues after the run's
// cursor and never issues or sends twice; runs left unfinished are resumed first.
import { z } from "zod";
import {
  checkWinbackTemplates,
  processWinbackRun,
  resumeWinbackRuns,
  startWinbackRun,
  winbackSelection,
  winbackSettings,
} from "../src/features/winback/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { localDay } from "../src/kernel/time/zone.js";

export const winbackDaily = defineJob({
  id: "winback-daily",
  label: "每日召回",
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
    const started = await startWinbackRun(app, {
      ...winbackSelection(app, at),
      runKey: `daily:${localDay(at, app.config.timeZone)}`,
      holdoutShare: app.config.winback.holdoutShare,
    });
    const processed = await processWinbackRun(app, { runId: started.run.id, at, settings: winbackSettings(app) });
    return { resumed, run: started.run.id, started: started.kind, processed };
  },
});
