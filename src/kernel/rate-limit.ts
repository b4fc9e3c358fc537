import type { RedisClient } from "./redis.js";

/**
 * Counts an event in a fixed window and returns how many happened in it so far, this one included.
 * Fixed windows are enough for flood control: a burst straddling two windows gets at most 2× through.
 */
export async function countInWindow(redis: RedisClient, key: string, windowMs: number): Promise<number> {
  const [[, count]] = (await redis.multi().incr(key).pexpire(key, windowMs, "NX").exec()) as [[null, number]];
  return count;
}
