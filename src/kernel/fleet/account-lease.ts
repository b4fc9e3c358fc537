import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Result } from "ioredis";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { defineLuaCommands, luaCommand } from "../lua-command.js";
import type { Keyspace, RedisClient } from "../redis.js";

// One process drives an account at a time: a Redis lease with a fencing token (scripts in ./lua/).
const LEASE_ACQUIRE = luaCommand("siyuLeaseAcquire", 2, new URL("./lua/lease-acquire.lua", import.meta.url));
const LEASE_KEEP = luaCommand("siyuLeaseKeep", 1, new URL("./lua/lease-keep.lua", import.meta.url));

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** lua/lease-acquire.lua: [1, token] when held by `holder`, else [0, ms left, "holder|token"]. */
    siyuLeaseAcquire(lease: string, fencing: string, holder: string, ttlMs: number): Result<[number, number, string?], Context>;
    /** lua/lease-keep.lua: 1 when renewed/released, 0 when the lease is not held with `value`. */
    siyuLeaseKeep(lease: string, value: string, ttlMs: number, mode: "renew" | "release"): Result<number, Context>;
  }
}

export type LeaseAttempt = { held: true; token: bigint } | { held: false; holder: string; msLeft: number };

/** The Redis keys of an account's lease: one hash tag, one slot. */
export const leaseKeys = (key: Keyspace, account: string) => ({
  lease: key("account", account, "lease"),
  fencing: key("account", account, "fencing"),
});

/** Who this process is, in lease values and the accounts table: readable in 账号 and logs. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * An account's lease held by one process. Take it with `acquire` (or wait for it with `waitFor`), then
 * `keep` renews it every third of the lease time and calls `onLost` if another process took it.
 *
 * @example const lease = new AccountLease(app.redis, app.key, "main", 30_000); await lease.waitFor(log); lease.keep(stop);
 */
export class AccountLease {
  readonly holder: string;
  private token: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: Keyspace,
    readonly account: string,
    readonly ttlMs: number,
    holder = processHolder(),
  ) {
    this.holder = holder;
    defineLuaCommands(redis, [LEASE_ACQUIRE, LEASE_KEEP]);
  }

  /** The fencing token while held. */
  get fencingToken(): bigint | undefined {
    return this.token;
  }

  async acquire(): Promise<LeaseAttempt> {
    const { lease, fencing } = leaseKeys(this.key, this.account);
    const [held, value, current] = await this.redis.siyuLeaseAcquire(lease, fencing, this.holder, this.ttlMs);
    if (held === 1) {
      this.token = BigInt(value);
      return { held: true, token: this.token };
    }
    return { held: false, holder: (current ?? "").split("|")[0] ?? "", msLeft: Number(value) };
  }

  /**
   * Waits until this process holds the lease; `onWaiting` is told once who holds it (a second process
   * started for one account says so and waits).
   */
  async waitFor(onWaiting: (holder: string, msLeft: number) => void, signal?: AbortSignal): Promise<bigint> {
    let told = false;
    for (;;) {
      const attempt = await this.acquire();
      if (attempt.held) return attempt.token;
      if (!told) onWaiting(attempt.holder, attempt.msLeft);
      told = true;
      signal?.throwIfAborted();
      // A lapsed lease is taken within a tenth of the lease time (at most a second) after it lapses.
      await sleep(Math.min(1000, Math.max(50, Math.min(attempt.msLeft, this.ttlMs / 10))), undefined, { signal });
    }
  }

  /**
   * Renews every third of the lease time; `onLost` once if a renewal finds the lease taken by another
   * process. A lease that merely lapsed (this process was paused past the lease time, nobody took over)
   * is taken again with a new token, which `onNewToken` must record before anything is sent with it.
   */
  keep(onLost: () => void, logger?: Logger, onNewToken?: (token: bigint) => Promise<void>): void {
    this.stopKeeping();
    const renew = async () => {
      const value = `${this.holder}|${this.token}`;
      try {
        const kept = await this.redis.siyuLeaseKeep(leaseKeys(this.key, this.account).lease, value, this.ttlMs, "renew");
        if (kept === 1) return;
        this.token = undefined;
        if (onNewToken) {
          const again = await this.acquire();
          if (again.held) {
            logger?.warn(
              { account: this.account, token: again.token.toString() },
              "account lease had lapsed: taken again with a new token",
            );
            await onNewToken(again.token);
            return;
          }
        }
        this.stopKeeping();
        this.token = undefined;
        onLost();
      } catch (error) {
        // Redis away: the lease may lapse meanwhile; the next renewal tells.
        logger?.warn({ err: error, account: this.account }, "account lease renewal failed");
      }
    };
    this.timer = setInterval(() => void renew(), Math.max(100, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  /** Stops renewing and gives the lease up (a graceful stop: the next process takes over at once). */
  async release(): Promise<void> {
    this.stopKeeping();
    if (this.token === undefined) return;
    const value = `${this.holder}|${this.token}`;
    this.token = undefined;
    await this.redis.siyuLeaseKeep(leaseKeys(this.key, this.account).lease, value, this.ttlMs, "release").catch(() => 0);
  }

  /** Whether a lease (anyone's) is held for `account` now. */
  static async isHeld(redis: RedisClient, key: Keyspace, account: string): Promise<boolean> {
    return (await redis.exists(leaseKeys(key, account).lease)) === 1;
  }

  private stopKeeping(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * Writes a newly taken token on the account's row (the row is made on first use). Only a newer token
 * is written, so a slow old holder can never take the row back; the sender's claim checks it.
 */
export async function recordLeaseHolder(db: Db, account: string, token: bigint, holder: string, at: Date): Promise<void> {
  await db.botAccount.createMany({ data: [{ name: account }], skipDuplicates: true });
  await db.botAccount.updateMany({
    where: { name: account, fencingToken: { lt: token } },
    data: { fencingToken: token, holder, lastSeenAt: at },
  });
}
