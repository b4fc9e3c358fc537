import { Cluster, Redis } from "ioredis";
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
    readonly logger: Logger,
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

/** A connection to one Redis server or to a Redis Cluster: BullMQ and our scripts take either. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: a URL (one server), and for a cluster the seed nodes (the URL then gives only credentials). */
export interface RedisTarget {
  url: string;
  clusterNodes?: ReadonlyArray<{ host: string; port: number }>;
}

/**
 * A Redis connection fit for BullMQ workers (which block, so requests must never time out): a
 * Cluster client when `target` names cluster nodes. With a logger, an outage is logged once and its
 * end once (see RedisOutageLog), as `client`.
 *
 * @example createRedis({ url: "redis://:secret@x", clusterNodes: [{ host: "10.0.0.1", port: 7000 }] })
 */
export function createRedis(target: string | RedisTarget, watch?: { logger: Logger; client: string }): RedisClient {
  const { url, clusterNodes } = typeof target === "string" ? { url: target, clusterNodes: undefined } : target;
  const redis: RedisClient = clusterNodes?.length
    ? new Cluster([...clusterNodes], { redisOptions: { ...redisCredentialsOf(url), maxRetriesPerRequest: null } })
    : new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  if (watch) {
    const outage = new RedisOutageLog(watch.logger, watch.client, () => redis.status === "ready");
    redisOutages.set(redis, outage);
    redis.on("error", (error: Error) =>
      isRedisConnectionError(error) ? outage.lost(error) : watch.logger.error({ client: watch.client, err: error.message }, "redis error"),
    );
    redis.on("ready", () => outage.recovered());
  }
  return redis;
}

/** The user, password and TLS of a redis:// or rediss:// URL, for every node of a cluster. */
export function redisCredentialsOf(url: string) {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
  };
}

const redisOutages = new WeakMap<RedisClient, RedisOutageLog>();

/**
 * The 'error' handler of a BullMQ worker or queue on `connection`: connection errors (a worker's own
 * blocking connection retrying, a queue's copy of the client's) go to the client's outage log, other
 * errors are logged as `what`.
 */
export function workerErrorHandler(connection: RedisClient, logger: Logger, what: string, fields: Record<string, unknown> = {}) {
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

/**
 * Gives a BullMQ queue on `connection` the workers' error handler (with the client's logger): without a
 * listener BullMQ prints each error with console.error, once per retry and per queue. A client made
 * without a logger keeps BullMQ's printing.
 */
export function watchQueueErrors<Q extends { on(event: "error", listener: (error: Error) => void): unknown }>(
  queue: Q,
  connection: RedisClient,
): Q {
  const outage = redisOutages.get(connection);
  if (outage) queue.on("error", workerErrorHandler(connection, outage.logger, "queue error"));
  return queue;
}

/**
 * Our own Redis keys, under the same prefix as the queues so a test run's keys never collide. The first
 * two parts name what the key belongs to and are its hash tag, so on a Redis Cluster the keys of one
 * owner (a sale's gate, an account's governor) share a slot and one script or MULTI may use them all.
 *
 * @example keyspace("siyu")("flash", 12, "meta") // "siyu:{flash:12}:meta"
 */
export function keyspace(prefix: string) {
  return (kind: string, owner: string | number, ...rest: Array<string | number>) => [prefix, `{${kind}:${owner}}`, ...rest].join(":");
}
export type Keyspace = ReturnType<typeof keyspace>;

/**
 * A BullMQ queue name wrapped in a hash tag: BullMQ's scripts use several keys of one queue at once, so
 * they must share a slot on a cluster; a tag per queue spreads the queues over the nodes.
 *
 * @example taggedQueueName("outbox-main") // "{outbox-main}" (keys "siyu:{outbox-main}:wait", …)
 */
export function taggedQueueName(name: string): string {
  return `{${name}}`;
}

/** Deletes every key under `prefix` (a finished test run's or scenario's), on every master of a cluster. */
export async function deleteKeysUnder(redis: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  // A cluster client knows its masters once it has read the slot map.
  if (redis instanceof Cluster && redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
  for (const node of redis instanceof Cluster ? redis.nodes("master") : [redis]) {
    for await (const keys of node.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      // One UNLINK per key: on a node the keys found may lie in different slots.
      for (const key of keys) deleted += await node.unlink(key);
    }
  }
  return deleted;
}
