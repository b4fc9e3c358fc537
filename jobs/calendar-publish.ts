// Publishes a calendar item's slot: one BullMQ job scheduler per recurring item, so several workers
// never publish a slot twice.

import { calendarPublishJob, publishCalendarItem } from "../src/features/calendar/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const calendarPublish = defineJob({
  ...calendarPublishJob,
  label: "日历发布",
  async handle({ itemId, slot }, app: AppContext, job) {
    // A scheduler's job id is "repeat:<scheduler>:<slot millis>": the slot names the publication.
    const fromId = /:(\d+)$/.exec(job.id)?.[1];
    return publishCalendarItem(app, itemId, slot ?? fromId ?? job.id);
  },
});
