// A flash sale's timed announcements: reminder (FLASH_REMINDER_MINUTES before), 开抢 at the start, the
// result at the end. Delayed jobs with ids naming the sale, step and instant: they survive restarts, run
// once, and a moved sale's old jobs are removed (and ignored if they run anyway: `at` no longer matches).

import { flashSaleTimerJob, runFlashSaleStep } from "../src/features/flash-sales/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const flashSaleTimer = defineJob({
  ...flashSaleTimerJob,
  label: "秒杀开始/结束",
  async handle(payload, app: AppContext) {
    return runFlashSaleStep(app, payload);
  },
});
