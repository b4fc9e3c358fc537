import { z } from "zod";
import { jobRef } from "../../kernel/jobs/job-ref.js";

export const calendarPublishJob = jobRef("calendar-publish", z.object({ itemId: z.number().int(), slot: z.string().optional() }));
export const calendarLiveReminderJob = jobRef(
  "calendar-live-reminder",
  z.object({ itemId: z.number().int(), minutesBefore: z.number().int() }),
);
/** `check`: the close is put off while a room's window is still open (each try is a new job). */
export const calendarPollCloseJob = jobRef(
  "calendar-poll-close",
  z.object({ itemId: z.number().int(), slot: z.string(), check: z.number().int().default(1) }),
);
