import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "./logger.js";
import { keyspace, type RedisClient } from "./redis.js";

// The kinds of our own keys before they carried hash tags (siyu:flash:12:meta, now siyu:{flash:12}:meta).
// A fixed list of the past: keys made after the change are never untagged.
const UNTAGGED_KINDS = ["governor", "flash", "polls", "bot", "seen-message", "shop-api", "bind-guesses", "commands"];
const MOVABLE_STATES = ["wait", "paused", "prioritized", "delayed", "active"] as const;

/**
 * The one-shot start-up step of the upgrade to hash-tagged names: moves the jobs still waiting, delayed or
 * left active (by a crash) in each queue under its old name into the queue of the new name (same job id,
 * name, data and options; the delay that is left), then obliterates the old queue; and renames our own
 * keys (gate, governor, polls…) to their tagged names, keeping their TTL. Jobs made by a job scheduler are
 * not moved (the scheduler is upserted under the new name), nor are finished ones (a record only). The
 * outbox sweep cursor is not moved either: the sweep then looks at every delivery row once more and
 * queues those still `queued` whose job was lost (failed in the old queue). Runs on one Redis server only:
 * a cluster never held the old names (their scripts would have failed CROSSSLOT). Safe to run twice or
 * from several processes at once (job ids dedupe; RENAMENX).
 */
export async function moveUntaggedRedisNames(
  redis: RedisClient,
  prefix: string,
  queues: ReadonlyArray<{ from: string; to: string }>,
  logger: Logger,
): Promise<{ jobs: number; keys: number }> {
  if (!(redis instanceof Redis)) return { jobs: 0, keys: 0 };
  let jobs = 0;
  for (const { from, to } of queues) {
    if (!(await redis.exists(`${prefix}:${from}:id`, `${prefix}:${from}:meta`))) continue;
    const old = new Queue(from, { connection: redis, prefix });
    const next = new Queue(to, { connection: redis, prefix });
    try {
      const now = Date.now();
      for (const job of await old.getJobs([...MOVABLE_STATES])) {
        if (!job?.id || job.repeatJobKey) continue;
        const { repeat: _repeat, timestamp: _timestamp, ...opts } = job.opts;
        // A delayed job's due time is its score in the delayed set (ms × 4096 + a counter), also after a
        // deferral moved it there again.
        const score = await redis.zscore(old.toKey("delayed"), job.id);
        const delay = score === null ? 0 : Math.max(0, Math.floor(Number(score) / 4096) - now);
        await next.add(job.name, job.data, { ...opts, jobId: job.id, delay });
        jobs++;
      }
      await old.obliterate({ force: true });
    } finally {
      await Promise.all([old.close(), next.close()]);
    }
  }
  const keys = await renameUntaggedKeys(redis, prefix);
  if (jobs || keys) logger.info({ jobs, keys }, "moved jobs and keys from their names before hash tags");
  return { jobs, keys };
}

async function renameUntaggedKeys(redis: Redis, prefix: string): Promise<number> {
  const key = keyspace(prefix);
  const done = key("upgrade", "hash-tags");
  if (await redis.exists(done)) return 0;
  let renamed = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    for (const old of keys) {
      const [, kind, owner, ...rest] = old.split(":");
      if (old.includes("{") || !kind || !owner || !UNTAGGED_KINDS.includes(kind)) continue;
      const tagged = key(kind, owner, ...rest);
      // A key the new version wrote already wins; the old one is dropped.
      if (await redis.renamenx(old, tagged)) renamed++;
      else await redis.unlink(old);
    }
  }
  await redis.set(done, new Date().toISOString());
  return renamed;
}
