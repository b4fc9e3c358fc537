// A live stream starts soon: the rooms are told, and members who 预约'd get a private reminder.

import { calendarLiveReminderJob, sendLiveReminder } from "../src/features/calendar/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const calendarLiveReminder = defineJob({
  ...calendarLiveReminderJob,
  label: "直播提醒",
  async handle({ itemId, minutesBefore }, app: AppContext) {
    return sendLiveReminder(app, itemId, minutesBefore);
  },
});
