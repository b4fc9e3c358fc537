// The demo's database can be dropped and made anew while Redis keeps the last run's queues. Job ids
// come from row ids (d-1, push-1 …), so a new row 1 would meet an old job d-1 and never be queued.
// A demo database with no member yet is new: whatever Redis holds under the prefix is from before.
import pg from "pg";
import type { Config } from "../kernel/config.js";
import { databaseConnection } from "../kernel/db/connection.js";
import { createRedis, deleteKeysUnder } from "../kernel/redis.js";

/** Deletes the Redis keys under the prefix when the database is new; returns how many. */
export async function forgetStaleQueues(config: Config): Promise<number> {
  const db = new pg.Client(databaseConnection(config.databaseUrl));
  await db.connect();
  const { rows } = await db.query<{ n: string }>("select count(*) as n from members").finally(() => db.end());
  if (Number(rows[0]!.n) > 0) return 0;
  const redis = createRedis(config.redis);
  try {
    return await deleteKeysUnder(redis, config.redis.prefix);
  } finally {
    redis.disconnect();
  }
}
