// Nightly (RFM_CRON, community time), and on #分层 重算: recency, frequency, monetary and every member's
// layer, in SQL. The operator who asked is answered when it is done.

import { recomputeLayersAndAnswer, recomputeRfmJob } from "../src/features/rfm/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const recomputeRfm = defineJob({
  ...recomputeRfmJob,
  label: "分层重算",
  schedule: (config) => ({ cron: config.rfm.cron }),
  async handle({ replyTo }, app: AppContext, job) {
    return recomputeLayersAndAnswer(app, { replyTo, jobId: job.id });
  },
});
