// Every Monday (CALENDAR_RHYTHM_CRON): operators are told what next week's calendar lacks against the plan.
import { z } from "zod";
import { checkRhythm } from "../src/features/calendar/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const calendarRhythmCheck = defineJob({
  id: "calendar-rhythm-check",
  label: "内容节奏检查",
  payload: z.object({}),
  schedule: (config) => ({ cron: config.calendar.rhythmCron }),
  async handle(_payload, app: AppContext) {
    return checkRhythm(app);
  },
});
