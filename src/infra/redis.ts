import { Redis } from "ioredis";

/** A Redis connection fit for BullMQ workers (which block, so requests must never time out). */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Our own Redis keys, under the same prefix as the queues so a test run's keys never collide. */
export function keyspace(prefix: string) {
  return (...parts: Array<string | number>) => [prefix, ...parts].join(":");
}
export type Keyspace = ReturnType<typeof keyspace>;

/** Deletes every key under `prefix` (a finished test run's or scenario's). */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
    if (keys.length) deleted += await redis.unlink(...keys);
  }
  return deleted;
}
