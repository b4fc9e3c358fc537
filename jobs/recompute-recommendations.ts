// Nightly (RECO_CRON, community time), and on 推荐 重算: the co-purchase model and every member's top 3,
// in SQL. The operator who asked is answered when it is done.

import { recomputeRecommendationsAndAnswer, recomputeRecommendationsJob } from "../src/features/recommendations/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const recomputeRecommendations = defineJob({
  ...recomputeRecommendationsJob,
  label: "推荐重算",
  schedule: (config) => ({ cron: config.recommendations.cron }),
  async handle({ replyTo }, app: AppContext, job) {
    return recomputeRecommendationsAndAnswer(app, { replyTo, jobId: job.id });
  },
});
