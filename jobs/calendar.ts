// The content calendar's background work: publishing (one BullMQ job scheduler per recurring item, so
// several workers never publish a slot twice), live reminders, closing polls, the weekly rhythm check.
import { z } from "zod";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { checkRhythm } from "../src/features/calendar/check-rhythm.js";
import { closePoll } from "../src/features/calendar/polls.js";
import { publishCalendarItem, sendLiveReminder } from "../src/features/calendar/publish-calendar-item.js";
import { rescheduleCalendar } from "../src/features/calendar/manage-calendar.js";
import { calendarPublishJob } from "../src/features/calendar/jobs.js";
import { calendarLiveReminderJob } from "../src/features/calendar/jobs.js";
import { calendarPollCloseJob } from "../src/features/calendar/jobs.js";

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
  async handle({ itemId, slot, check }, app: AppContext) {
    return closePoll(app, itemId, slot, check);
  },
});

// The calendar's own schedules live in Redis; the items in PostgreSQL are the truth. An `every`
// scheduler runs at once when a worker first creates it (a fresh or emptied Redis) and then every
// 10 minutes, so lost schedules come back without anyone re-adding items.
export const calendarResync = defineJob({
  id: "calendar-resync",
  payload: z.object({}),
  schedule: () => ({ everyMs: 10 * 60_000 }),
  async handle(_payload, app: AppContext) {
    return rescheduleCalendar(app);
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
