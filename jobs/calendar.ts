// The content calendar's background work: publishing (one BullMQ job scheduler per recurring item, so
// several workers never publish a slot twice), live reminders, closing polls, the weekly rhythm check.
import { z } from "zod";
import type { AppContext } from "../src/infra/app-context.js";
import { defineJob } from "../src/infra/jobs/define-job.js";
import { checkRhythm } from "../src/services/calendar/check-rhythm.js";
import { closePoll } from "../src/services/calendar/polls.js";
import { publishCalendarItem, sendLiveReminder } from "../src/services/calendar/publish-calendar-item.js";
import { calendarPublishJob } from "../src/domain/jobs/calendar.js";
import { calendarLiveReminderJob } from "../src/domain/jobs/calendar.js";
import { calendarPollCloseJob } from "../src/domain/jobs/calendar.js";

export const calendarPublish = defineJob({
  ...calendarPublishJob,
  async handle({ itemId, slot }, app: AppContext, job) {
    // A scheduler's job id is "repeat:<scheduler>:<slot millis>": the slot names the publication.
    const fromId = /:(\d+)$/.exec(job.id)?.[1];
    return publishCalendarItem(app, itemId, slot ?? fromId ?? job.id);
  },
});

export const calendarLiveReminder = defineJob({
  ...calendarLiveReminderJob,
  async handle({ itemId, minutesBefore }, app: AppContext) {
    return sendLiveReminder(app, itemId, minutesBefore);
  },
});

export const calendarPollClose = defineJob({
  ...calendarPollCloseJob,
  async handle({ itemId, slot }, app: AppContext) {
    return closePoll(app, itemId, slot);
  },
});

export const calendarRhythmCheck = defineJob({
  id: "calendar-rhythm-check",
  payload: z.object({}),
  schedule: (config) => ({ cron: config.calendar.rhythmCron }),
  async handle(_payload, app: AppContext) {
    return checkRhythm(app);
  },
});
