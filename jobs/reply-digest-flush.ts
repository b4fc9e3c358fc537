// At the end of a reply-digest window: the replies to one command in one room that waited for it leave
// as one message (or a few, at WeChat's length limit). Safe to run twice: a batch is sent once.
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { REPLY_DIGEST, replyDigestFlushJob } from "../src/kernel/outbox/reply-digest.js";

export const replyDigestFlush = defineJob({
  ...replyDigestFlushJob,
  label: "合并回复",
  // Rooms are independent: a rush in many rooms at once is flushed side by side.
  concurrency: 8,
  async handle(payload, app: AppContext) {
    return { queued: await app.scoped(REPLY_DIGEST).flush(payload.roomId, payload.kind) };
  },
});
