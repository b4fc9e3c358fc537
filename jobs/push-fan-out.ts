// A push's fan-out: walks the segment in keyset batches, one delivery per member. Resumable (see
// services/pushes/fan-out-push.ts); a short lock so a killed worker's job is taken over quickly.
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { fanOutPush, tellPushMaker } from "../src/features/pushes/fan-out-push.js";
import { pausePush } from "../src/features/pushes/control-push.js";
import { pushFanOutJob } from "../src/features/pushes/jobs.js";

export const pushFanOut = defineJob({
  ...pushFanOutJob,
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
      if ((await pausePush(app, pushId)).kind === "done") {
        await tellPushMaker(
          app,
          pushId,
          `推送 #${pushId} 发送出错，已暂停：${error instanceof Error ? error.message.slice(0, 100) : String(error)}。「推送 继续 ${pushId}」重试，「推送 取消 ${pushId}」放弃。/ Push #${pushId} failed and was paused.`,
        );
      }
      throw error;
    }
  },
});
