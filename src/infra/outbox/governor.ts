import type { Redis } from "ioredis";
import type { Keyspace } from "../redis.js";
import type { MessageKind } from "../../domain/outbox/message-kind.js";

// A token bucket kept in Redis, so every process sending for one account shares one rate.
// Redis's own clock is used: processes' clocks may disagree. ARGV[3] = "take": takes a token and
// returns 0, or returns the ms until one is free; "peek": returns the tokens available.
const TOKEN_BUCKET = `
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - ts) * perMs)
if ARGV[3] == 'peek' then
  return tostring(tokens)
end
if tokens < 1 then
  return math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perMs) + 60000)
return 0
`;

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
    private readonly redis: Redis,
    private readonly key: Keyspace,
    private readonly account: string,
    private readonly settings: GovernorSettings,
  ) {
    this.perMs = settings.ratePerMinute / 60_000;
  }

  /** Takes a send token; if none is left, how many ms until one is. */
  async takeToken(): Promise<number> {
    return Number(await this.bucket("take"));
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
    return ttl > 0 ? ttl : 0;
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
      this.bucket("peek"),
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

  private bucket(mode: "take" | "peek") {
    return this.redis.eval(TOKEN_BUCKET, 1, this.key("governor", this.account, "bucket"), this.settings.burst, this.perMs, mode);
  }

  private capKey(kind: MessageKind, day: string): string {
    return this.key("governor", this.account, "daily", day, kind);
  }
}
