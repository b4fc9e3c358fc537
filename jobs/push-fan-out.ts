// A push's fan-out: walks the segment in keyset batches, one delivery per member. Resumable (see
// services/pushes/fan-out-push.ts); a short lock so a killed worker's job is taken over quickly.
import type { AppContext } from "../src/infra/app-context.js";
import { defineJob } from "../src/infra/jobs/define-job.js";
import { fanOutPush } from "../src/services/pushes/fan-out-push.js";
import { pushFanOutJob } from "../src/domain/jobs/pushes.js";

export const pushFanOut = defineJob({
  ...pushFanOutJob,
  lockDurationMs: 10_000,
  stalledIntervalMs: 5_000,
  async handle({ pushId }, app: AppContext) {
    const outcome = await fanOutPush(app, pushId);
    app.logger.info({ pushId, outcome }, "push fan-out");
    return outcome;
  },
});
