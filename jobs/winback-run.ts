// Win-back (召回): a run started by #召回 开始 (or the daily run). Resumable: a retried or re-run job
// continues after the run's cursor and never issues or sends twice.

import { processWinbackRun, winbackRunJob, winbackSettings } from "../src/features/winback/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const winbackRun = defineJob({
  ...winbackRunJob,
  label: "召回发送",
  async handle({ runId }, app: AppContext) {
    return processWinbackRun(app, { runId, at: app.clock.now(), settings: winbackSettings(app) });
  },
});
