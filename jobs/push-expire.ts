// A large push nobody confirmed in time expires; whoever made it is told.
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { pushExpireJob } from "../src/features/pushes/jobs.js";

export const pushExpire = defineJob({
  ...pushExpireJob,
  async handle({ pushId }, app: AppContext) {
    const expired = await app.db.push.updateMany({
      where: { id: pushId, status: "awaiting_confirm", confirmBy: { lte: app.clock.now() } },
      data: { status: "expired" },
    });
    if (expired.count === 0) return { expired: false };
    const push = await app.db.push.findUniqueOrThrow({ where: { id: pushId } });
    if (push.createdById) {
      await app.outbox.send({
        kind: "notice",
        to: { memberId: push.createdById },
        text: `推送 #${pushId} 未在时限内确认，已作废，什么也没有发出。/ Push #${pushId} expired unconfirmed.`,
        dedupeKey: `push:${pushId}:expired`,
      });
    }
    return { expired: true };
  },
});
