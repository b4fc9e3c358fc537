import type { Result } from "ioredis";
import { defineLuaCommands, luaCommand } from "../lua-command.js";
import type { Keyspace, RedisClient } from "../redis.js";
import type { MessageKind } from "./message-kind.js";

// A token bucket kept in Redis, so every process sending for one account shares one rate (on Redis's
// clock). The scripts live in ./lua/ (KEYS and ARGV documented at the top of each), read once at load.
const TOKEN_BUCKET = luaCommand("siyuTokenBucket", 1, new URL("./lua/token-bucket.lua", import.meta.url));

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** lua/token-bucket.lua "take": 0 when a token was taken, else the ms until one is free. */
    siyuTokenBucket(bucket: string, capacity: number, perMs: number, mode: "take"): Result<number, Context>;
    /** lua/token-bucket.lua "peek": the tokens available now (fractional, as a string); takes none. */
    siyuTokenBucket(bucket: string, capacity: number, perMs: number, mode: "peek"): Result<string, Context>;
  }
}

export interface GovernorSettings {
  ratePerMinute: number;
  burst: number;
  dailyCaps: Record<MessageKind, number>;
  circuit: { failures: number; cooldownMs: number };
}

export interface GovernorState {
  tokens: number;
  circuitOpenForMs: number;
  recentFailures: number;
  sentToday: Partial<Record<MessageKind, number>>;
}

/** The account-wide limits of the outbox, shared through Redis by every process of one account. */
export class Governor {
  private readonly perMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: Keyspace,
    private readonly account: string,
    private readonly settings: GovernorSettings,
  ) {
    this.perMs = settings.ratePerMinute / 60_000;
    defineLuaCommands(redis, [TOKEN_BUCKET]);
  }

  /** Takes a send token; if none is left, how many ms until one is. */
  async takeToken(): Promise<number> {
    return Number(await this.redis.siyuTokenBucket(this.bucketKey(), this.settings.burst, this.perMs, "take"));
  }

  /** Counts one send of `kind` today; false (and nothing counted) when the day's cap is reached. */
  async reserveDaily(kind: MessageKind, day: string): Promise<boolean> {
    const key = this.capKey(kind, day);
    const used = await this.redis.incr(key);
    if (used === 1) await this.redis.expire(key, 3 * 86_400);
    if (used > this.settings.dailyCaps[kind]) {
      await this.redis.decr(key);
      return false;
    }
    return true;
  }

  async releaseDaily(kind: MessageKind, day: string): Promise<void> {
    await this.redis.decr(this.capKey(kind, day));
  }

  /** ms until the circuit breaker closes again; 0 when closed. */
  async circuitOpenForMs(): Promise<number> {
    const ttl = await this.redis.pttl(this.key("governor", this.account, "circuit-open"));
    return Math.max(ttl, 0);
  }

  /** A send failed. Enough failures in a row open the breaker: marketing pauses for the cool-down. */
  async recordFailure(): Promise<boolean> {
    const failuresKey = this.key("governor", this.account, "failures");
    const failures = await this.redis.incr(failuresKey);
    await this.redis.pexpire(failuresKey, this.settings.circuit.cooldownMs);
    if (failures < this.settings.circuit.failures) return false;
    await this.redis
      .multi()
      .set(this.key("governor", this.account, "circuit-open"), "1", "PX", this.settings.circuit.cooldownMs)
      .del(failuresKey)
      .exec();
    return true;
  }

  async recordSuccess(): Promise<void> {
    await this.redis.del(this.key("governor", this.account, "failures"));
  }

  async state(day: string): Promise<GovernorState> {
    const kinds = Object.keys(this.settings.dailyCaps) as MessageKind[];
    const [tokens, open, failures, ...counts] = await Promise.all([
      this.redis.siyuTokenBucket(this.bucketKey(), this.settings.burst, this.perMs, "peek"),
      this.circuitOpenForMs(),
      this.redis.get(this.key("governor", this.account, "failures")),
      ...kinds.map((kind) => this.redis.get(this.capKey(kind, day))),
    ]);
    const sentToday: Partial<Record<MessageKind, number>> = {};
    kinds.forEach((kind, i) => {
      if (counts[i]) sentToday[kind] = Number(counts[i]);
    });
    return { tokens: Number(tokens), circuitOpenForMs: open as number, recentFailures: Number(failures ?? 0), sentToday };
  }

  private bucketKey(): string {
    return this.key("governor", this.account, "bucket");
  }

  private capKey(kind: MessageKind, day: string): string {
    return this.key("governor", this.account, "daily", day, kind);
  }
}
