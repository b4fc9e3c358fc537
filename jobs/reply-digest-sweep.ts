// Every 15 s while the reply digest is on: replies left waiting past their window (the process died
// between buffering them and queueing their flush, or the flush failed) are flushed, so none is lost.
import { z } from "zod";
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { REPLY_DIGEST } from "../src/kernel/outbox/reply-digest.js";

export const replyDigestSweep = defineJob({
  id: "reply-digest-sweep",
  label: "补发合并回复",
  payload: z.object({}),
  schedule: (config) => (config.replyDigest.windowMs > 0 ? { everyMs: 15_000 } : undefined),
  async handle(_payload, app: AppContext) {
    const queued = await app.scoped(REPLY_DIGEST).sweep();
    if (queued > 0) app.logger.warn({ queued }, "reply digest: flushed replies whose flush had not run");
    return { queued };
  },
});
