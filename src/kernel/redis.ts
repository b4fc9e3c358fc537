import { Redis } from "ioredis";
import type { Logger } from "./logger.js";

// What a Redis client says while the server is away: refused, reset, timed out, closed, or still
// loading its data after a restart. Not an error of the command itself.
const CONNECTION_ERROR =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|Connection is closed|Stream isn't writeable|connect ETIMEDOUT|LOADING|Reached the max retries per request limit|Socket closed unexpectedly/i;

/** Whether `error` means the Redis server could not be reached (as opposed to a failed command). */
export function isRedisConnectionError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (typeof code === "string" && CONNECTION_ERROR.test(code)) || (typeof message === "string" && CONNECTION_ERROR.test(message));
}

/**
 * Logs a Redis outage once per client: one line when the connection is lost, one when it is back
 * (with how long it was away and how many errors were not logged), whatever the number of
 * commands, reconnect attempts and BullMQ workers failing meanwhile.
 */
export class RedisOutageLog {
  private since: number | undefined;
  private quieted = 0;

  constructor(
    private readonly logger: Logger,
    private readonly client: string,
    private readonly isReady: () => boolean = () => this.since === undefined,
  ) {}

  /** A connection error from the client or from a worker's own connection to the same server. */
  lost(error: unknown): void {
    if (this.since !== undefined || this.isReady()) {
      // Already logged, or a straggler (a worker's connection) after the client itself is back.
      this.quieted++;
      this.logger.debug({ client: this.client, err: (error as Error)?.message }, "redis connection error (outage already logged)");
      return;
    }
    this.since = Date.now();
    this.quieted = 0;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ client: this.client, reason }, `Redis connection lost (${this.client}): waiting for it to come back`);
  }

  recovered(): void {
    if (this.since === undefined) return;
    const downForMs = Date.now() - this.since;
    this.since = undefined;
    this.logger.info({ client: this.client, downForMs, errorsNotLogged: this.quieted }, `Redis connection recovered (${this.client})`);
  }
}

/**
 * A Redis connection fit for BullMQ workers (which block, so requests must never time out). With a
 * logger, an outage is logged once and its end once (see RedisOutageLog), as `client`.
 */
export function createRedis(url: string, watch?: { logger: Logger; client: string }): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  if (watch) {
    const outage = new RedisOutageLog(watch.logger, watch.client, () => redis.status === "ready");
    redisOutages.set(redis, outage);
    redis.on("error", (error) =>
      isRedisConnectionError(error) ? outage.lost(error) : watch.logger.error({ client: watch.client, err: error.message }, "redis error"),
    );
    redis.on("ready", () => outage.recovered());
  }
  return redis;
}

const redisOutages = new WeakMap<Redis, RedisOutageLog>();

/**
 * The 'error' handler of a BullMQ worker on `connection`: connection errors (the worker's own
 * blocking connection retrying) go to the client's outage log, other errors are logged as `what`.
 */
export function workerErrorHandler(connection: Redis, logger: Logger, what: string, fields: Record<string, unknown> = {}) {
  return (error: Error) => {
    const outage = redisOutages.get(connection);
    if (isRedisConnectionError(error)) {
      if (outage) outage.lost(error);
      else logger.debug({ ...fields, err: error.message }, `${what} (connection)`);
      return;
    }
    logger.error({ ...fields, err: error }, what);
  };
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
