// When a push has settled (nothing of it queued any more), its maker gets the report privately.
// Checked first when the governor should have sent it all, then again when the rest should be out
// (at most every 5 minutes: quiet hours or the breaker may hold it for hours). A pause ends the checks;
// resume and cancel start them again (src/features/pushes/control-push.ts), so the maker always gets it.

import { pushReportJob, sendPushReport } from "../src/features/pushes/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const pushReport = defineJob({
  ...pushReportJob,
  label: "推送报告",
  async handle({ pushId, check, chain }, app: AppContext) {
    return sendPushReport(app, { pushId, check, chain });
  },
});
