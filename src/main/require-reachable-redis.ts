// The processes that serve (bot, worker, shop API) start only on a Redis that answers: otherwise the
// worker waits in silence and the bot logs in, then fails every queue call, over and over, in the logs.
import { Cluster, Redis } from "ioredis";
import type { Config } from "../kernel/config.js";
import { redisCredentialsOf } from "../kernel/redis.js";

/**
 * Exits 1 with one line (Chinese, then English) unless Redis answers a PING within `timeoutMs`.
 * The URL is not printed: it may carry a password.
 */
export async function requireReachableRedis(config: Config, timeoutMs = 5000): Promise<void> {
  // One try, no reconnects, no offline queue: this is a question, not a connection to keep.
  const nodes = config.redis.clusterNodes;
  // On a cluster, the seed nodes are asked (REDIS_URL gives only the credentials there).
  const redis = nodes?.length
    ? new Cluster([...nodes], {
        lazyConnect: true,
        enableOfflineQueue: false,
        clusterRetryStrategy: () => null,
        redisOptions: { ...redisCredentialsOf(config.redis.url), connectTimeout: timeoutMs, maxRetriesPerRequest: 0 },
      })
    : new Redis(config.redis.url, {
        lazyConnect: true,
        connectTimeout: timeoutMs,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      });
  let cause: unknown;
  redis.on("error", (error) => (cause ??= error)); // the failure is reported once, below
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    // The socket's own error (ECONNREFUSED 127.0.0.1:6379) says more than "Connection is closed".
    const first = cause ?? error;
    const reason = first instanceof Error ? first.message : String(first);
    process.stderr.write(
      `连不上 Redis（REDIS_URL）：${reason}\nCannot reach Redis: check REDIS_URL (REDIS_CLUSTER_NODES) and that Redis is running.\n`,
    );
    process.exit(1);
  } finally {
    redis.disconnect();
  }
}
