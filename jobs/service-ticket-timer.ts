// A ticket's timed steps: the 50 % / 80 % reminders and the breach of its first-response window, the
// follow-up question and closing it unrated. Delayed jobs whose ids name ticket, cycle, step and instant:
// a moved deadline is a new job (the old one finds its instant stale); re-run, a step sends nothing twice.

import { runTicketStep, ticketTimerJob } from "../src/features/service-desk/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const serviceTicketTimer = defineJob({
  ...ticketTimerJob,
  label: "工单提醒/回访",
  async handle(payload, app: AppContext) {
    return runTicketStep(app, payload);
  },
});
