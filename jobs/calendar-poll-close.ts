// Closes a calendar poll once every room's window is over: the result goes to the rooms that saw it.

import { calendarPollCloseJob, closePoll } from "../src/features/calendar/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const calendarPollClose = defineJob({
  ...calendarPollCloseJob,
  label: "投票截止",
  async handle({ itemId, slot, check }, app: AppContext) {
    return closePoll(app, itemId, slot, check);
  },
});
