// A large push nobody confirmed in time expires; whoever made it is told.

import { expirePush, pushExpireJob } from "../src/features/pushes/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const pushExpire = defineJob({
  ...pushExpireJob,
  label: "推送确认过期",
  async handle({ pushId }, app: AppContext) {
    return expirePush(app, pushId);
  },
});
