// The content calendar (内容日历): articles, lives and interactions (polls) on a schedule per room group,
// published by job schedulers, live reminders for those who 预约, polls that close with a result, and a
// weekly check against the plan. What the rest of the product may use.

// Use cases (each takes the app context first).
export { checkRhythm, nextWeekRhythm } from "./check-rhythm.js";
export { calendarAdd, calendarNextWeek, calendarRemove, calendarWeek, reserveLive } from "./commands.js";
export { calendarLiveReminderJob, calendarPollCloseJob, calendarPublishJob } from "./jobs.js";
export {
  type AddCalendarOutcome,
  addCalendarItem,
  removeCalendarItem,
  rescheduleCalendar,
  scheduleCalendarItem,
} from "./manage-calendar.js";
export { closePoll, openPoll, recordPollAnswer, VOTER_TAG } from "./polls.js";
export { publishCalendarItem, sendLiveReminder } from "./publish-calendar-item.js";
export { readCalendarWeek } from "./read-calendar-week.js";
export { reserveLiveStream } from "./reserve-live-stream.js";

// The CSV import reads rows as 日历 新增 does.
export { CALENDAR_KINDS, type CalendarDraft, type CalendarKind, parseCalendarDraft } from "./rules/calendar-item.js";
