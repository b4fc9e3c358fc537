// The calendar's own schedules live in Redis; the items in PostgreSQL are the truth. An `every`
// scheduler runs at once when a worker first creates it (a fresh or emptied Redis) and then every
// 10 minutes, so lost schedules come back without anyone re-adding items.
import { z } from "zod";
import { rescheduleCalendar } from "../src/features/calendar/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const calendarResync = defineJob({
  id: "calendar-resync",
  label: "日历同步",
  payload: z.object({}),
  schedule: () => ({ everyMs: 10 * 60_000 }),
  async handle(_payload, app: AppContext) {
    return rescheduleCalendar(app);
  },
});
