// A push's fan-out: walks the segment in keyset batches, one delivery per member. Resumable (see
// src/features/pushes/fan-out-push.ts); a short lock so a killed worker's job is taken over quickly.

import { fanOutPush, pauseFailedFanOut, pushFanOutJob } from "../src/features/pushes/index.js";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";

export const pushFanOut = defineJob({
  ...pushFanOutJob,
  label: "推送分发",
  lockDurationMs: 10_000,
  stalledIntervalMs: 5_000,
  async handle({ pushId }, app: AppContext, job) {
    try {
      const outcome = await fanOutPush(app, pushId);
      app.logger.info({ pushId, outcome }, "push fan-out");
      return outcome;
    } catch (error) {
      if (job.attemptsMade + 1 < (pushFanOutJob.attempts ?? 1)) throw error;
      // The last attempt: the push is paused (what it queued is held), never left silently half-done,
      // and its maker is told, so they can resume (from the cursor) or cancel it.
      await pauseFailedFanOut(app, pushId, error);
      throw error;
    }
  },
});
