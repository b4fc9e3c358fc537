// Nightly (LOYALTY_CRON, community time): orders the hook missed settled, points expired and the
// 7-day reminders queued, exchanges left reserved by a crash finished, levels recomputed.
import { loyaltyNightlyJob, runLoyaltyNightly } from "../src/features/loyalty/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const loyaltyNightly = defineJob({
  ...loyaltyNightlyJob,
  label: "积分与等级",
  schedule: (config) => ({ cron: config.loyalty.cron }),
  async handle(_payload, app: AppContext) {
    return runLoyaltyNightly(app, { at: app.clock.now() });
  },
});
