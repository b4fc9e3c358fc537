// Nightly (RFM_CRON, community time), and on #分层 重算: recency, frequency, monetary and every member's
// layer, in SQL. The operator who asked is answered when it is done.
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { recomputeLayers } from "../src/features/rfm/recompute-layers.js";
import { recomputeRfmJob } from "../src/features/rfm/jobs.js";

export const recomputeRfm = defineJob({
  ...recomputeRfmJob,
  schedule: (config) => ({ cron: config.rfm.cron }),
  async handle({ replyTo }, app: AppContext, job) {
    const result = await recomputeLayers(app.db, { at: app.clock.now(), thresholds: app.config.rfm });
    app.logger.info(result, "rfm layers recomputed");
    if (replyTo) {
      const text = `已重算：${result.members} 位成员，${result.changes} 人分层有变化。发送「分层」查看。/ Recomputed.`;
      // A retried job (the reply's enqueue failed) answers once.
      const dedupeKey = `rfm:reply:${job.id}`;
      await app.outbox.send(
        replyTo.roomId
          ? { kind: "reply", to: { roomId: replyTo.roomId }, text: `@${replyTo.name} ${text}`, dedupeKey }
          : { kind: "reply", to: { memberId: replyTo.memberId }, text, dedupeKey },
      );
    }
    return result;
  },
});
