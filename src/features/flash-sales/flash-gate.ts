// The flash-sale gate: one Redis Lua script (lua/grab.lua) decides every grab atomically (time window, room, per-member
// limit, stock), so several bot processes can never oversell. Each win is also logged in a `pending`
// hash until its order row is durable; reconciliation writes whatever a crash left there (the order
// insert is idempotent on (sale, member, n)), so a win is neither lost nor written twice.
import type { Result } from "ioredis";
import type { AppContext } from "../../kernel/app-context.js";
import { scopedKey } from "../../kernel/context-scope.js";
import { defineLuaCommands, luaCommand } from "../../kernel/lua-command.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import type { Keyspace, RedisClient } from "../../kernel/redis.js";

// The scripts live in ./lua/ (KEYS and ARGV documented at the top of each), read once at module load.
const GRAB = luaCommand("siyuGrab", 6, new URL("./lua/grab.lua", import.meta.url));
const LOAD_GATE = luaCommand("siyuLoadGate", 5, new URL("./lua/load-gate.lua", import.meta.url));
const RELEASE_UNIT = luaCommand("siyuReleaseUnit", 4, new URL("./lua/release-unit.lua", import.meta.url));
const SYNC_GATE = luaCommand("siyuSyncGate", 1, new URL("./lua/sync-gate.lua", import.meta.url));
const SET_EARLY = luaCommand("siyuSetEarly", 2, new URL("./lua/set-early.lua", import.meta.url));

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** lua/grab.lua: `grabs` are (member, room, orderNo) triples; returns (code, a, b) triples. */
    siyuGrab(
      meta: string,
      left: string,
      taken: string,
      seq: string,
      pending: string,
      early: string,
      now: number,
      ...grabs: Array<string | number>
    ): Result<Array<string | number>, Context>;
    /** lua/load-gate.lua: `held` are (member, live, seq) triples; 1 when loaded, 0 when present already. */
    siyuLoadGate(
      meta: string,
      left: string,
      taken: string,
      seq: string,
      released: string,
      start: number,
      end: number,
      limit: number,
      state: string,
      rooms: string,
      unitsLeft: number,
      soldOuts: number,
      settled: string,
      ...held: number[]
    ): Result<number, Context>;
    /** lua/release-unit.lua: [left, open], or [-1, 0] (no gate) / [-2, 0] (returned already). */
    siyuReleaseUnit(
      meta: string,
      left: string,
      taken: string,
      released: string,
      memberId: number,
      now: number,
      orderId: number,
    ): Result<[number, number], Context>;
    /** lua/sync-gate.lua: 1 when updated, 0 when there is no gate. */
    siyuSyncGate(meta: string, state: string, start: number, end: number, limit: number, rooms: string): Result<number, Context>;
    /** lua/set-early.lua: 1 when set, 0 when there is no gate. */
    siyuSetEarly(meta: string, early: string, earlyStart: number | "", ...members: number[]): Result<number, Context>;
  }
}

/**
 * What a grab came to: the gate decides it, the grab use case returns it, the command replies to it.
 * A win carries the order number it will be written under, the member's n (the order's unique key),
 * how often the sale has sold out (> 0: this grab took the last unit) and the gate's instant. From the
 * gate, `notFound` means no gate is loaded for the sale; the use case then rebuilds it or finds no sale.
 */
export type GrabOutcome =
  | { kind: "won"; orderNo: string; seq: number; soldOutCount: number; decidedAt: Date }
  | { kind: "notOpen"; startsAt: Date }
  | { kind: "soldOut" }
  | { kind: "limitReached"; limit: number }
  | { kind: "ended" }
  | { kind: "cancelled" }
  | { kind: "notInRoom" }
  | NotFound;

export type GrabWon = Extract<GrabOutcome, { kind: "won" }>;

export type GateState = "on" | "cancelled" | "ended";

export interface GateSale {
  id: number;
  startsAt: Date;
  endsAt: Date;
  perMemberLimit: number;
  roomIds: number[];
  state: GateState;
}

export interface PendingWin {
  memberId: number;
  seq: number;
  orderNo: string;
  decidedAt: Date;
}

const MAX_BATCH = 256;

function decision(code: string | number, a: string | number, b: string | number, orderNo: string, now: number): GrabOutcome {
  switch (code) {
    case "won":
      return { kind: "won", orderNo, seq: Number(a), soldOutCount: Number(b), decidedAt: new Date(now) };
    case "notOpen":
      return { kind: "notOpen", startsAt: new Date(Number(a)) };
    case "limitReached":
      return { kind: "limitReached", limit: Number(a) };
    case "missing":
      return notFound;
    default:
      return { kind: code as "soldOut" | "ended" | "cancelled" | "notInRoom" };
  }
}

export class FlashGate {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: Keyspace,
  ) {
    defineLuaCommands(redis, [GRAB, LOAD_GATE, RELEASE_UNIT, SYNC_GATE, SET_EARLY]);
  }

  private keys(saleId: number) {
    const k = (part: string) => this.key("flash", saleId, part);
    return {
      meta: k("meta"),
      left: k("left"),
      taken: k("taken"),
      seq: k("seq"),
      pending: k("pending"),
      released: k("released"),
      early: k("early"),
    };
  }

  /**
   * Decides one grab. `orderNo` is the number the order will carry if it wins (logged with the win).
   * Grabs issued in the same turn of the event loop go to Redis together, one script call per sale.
   *
   * `roomId` is where the member is (a private grab: one of the sale's rooms the member is in).
   *
   * @example await gate.grab(12, { memberId: 5, roomId: 3, orderNo: "F8K2…", now }) // { kind: "won", orderNo: "F8K2…", seq: 1, … }
   */
  grab(saleId: number, input: { memberId: number; roomId: number; orderNo: string; now: Date }): Promise<GrabOutcome> {
    return new Promise((resolve, reject) => {
      const batch = this.batches.get(saleId) ?? [];
      this.batches.set(saleId, batch);
      batch.push({ ...input, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private readonly batches = new Map<
    number,
    Array<{ memberId: number; roomId: number; orderNo: string; now: Date; resolve(d: GrabOutcome): void; reject(e: unknown): void }>
  >();
  private flushScheduled = false;

  private flush(): void {
    this.flushScheduled = false;
    const batches = [...this.batches];
    this.batches.clear();
    for (const [saleId, all] of batches) {
      for (let from = 0; from < all.length; from += MAX_BATCH) {
        const batch = all.slice(from, from + MAX_BATCH);
        const k = this.keys(saleId);
        // One instant for the batch: the latest of its grabs (they were issued within the same tick).
        const now = Math.max(...batch.map((g) => g.now.getTime()));
        const grabs: Array<string | number> = [];
        for (const g of batch) grabs.push(g.memberId, g.roomId, g.orderNo);
        this.redis.siyuGrab(k.meta, k.left, k.taken, k.seq, k.pending, k.early, now, ...grabs).then(
          (r) => {
            batch.forEach((g, i) => {
              g.resolve(decision(r[i * 3]!, r[i * 3 + 1]!, r[i * 3 + 2]!, g.orderNo, now));
            });
          },
          (error: unknown) => {
            for (const g of batch) g.reject(error);
          },
        );
      }
    }
  }

  /**
   * Loads a sale's gate from the durable record (no-op if present). `held`: members' live and total grabs;
   * `settled`: orders no longer live (expired, cancelled), whose units `left` already counts.
   */
  async load(
    sale: GateSale,
    left: number,
    held: Array<{ memberId: number; live: number; seq: number }>,
    soldOuts = 0,
    settled: readonly number[] = [],
  ): Promise<boolean> {
    const k = this.keys(sale.id);
    const members: number[] = [];
    for (const h of held) members.push(h.memberId, h.live, h.seq);
    const rooms = `,${sale.roomIds.join(",")},`;
    const loaded = await this.redis.siyuLoadGate(
      k.meta,
      k.left,
      k.taken,
      k.seq,
      k.released,
      sale.startsAt.getTime(),
      sale.endsAt.getTime(),
      sale.perMemberLimit,
      sale.state,
      rooms,
      Math.max(left, 0),
      soldOuts,
      settled.join(","),
      ...members,
    );
    return loaded === 1;
  }

  /**
   * Returns an expired order's unit to stock, once per order however often it is called. `open`: the sale
   * is still running. Undefined when there was nothing to do: the gate is gone (a rebuilt gate counts the
   * order's unit itself) or this order's unit was returned already.
   */
  async release(saleId: number, memberId: number, orderId: number, now: Date): Promise<{ left: number; open: boolean } | undefined> {
    const k = this.keys(saleId);
    const [left, open] = await this.redis.siyuReleaseUnit(k.meta, k.left, k.taken, k.released, memberId, now.getTime(), orderId);
    return left < 0 ? undefined : { left, open: open === 1 };
  }

  /** Brings an existing gate in line with the sale's record (cancelled, moved); a missing gate stays missing. */
  async sync(sale: GateSale): Promise<boolean> {
    const { meta } = this.keys(sale.id);
    const rooms = `,${sale.roomIds.join(",")},`;
    return (
      (await this.redis.siyuSyncGate(meta, sale.state, sale.startsAt.getTime(), sale.endsAt.getTime(), sale.perMemberLimit, rooms)) === 1
    );
  }

  /**
   * 优先购: the sale opens at `earlyStart` for `memberIds` (the grab script checks it with the rest);
   * undefined opens early for nobody. False when there is no gate (loading it sets this again).
   */
  async setEarly(saleId: number, earlyStart: Date | undefined, memberIds: readonly number[]): Promise<boolean> {
    const k = this.keys(saleId);
    return (await this.redis.siyuSetEarly(k.meta, k.early, earlyStart?.getTime() ?? "", ...(earlyStart ? memberIds : []))) === 1;
  }

  async left(saleId: number): Promise<number | undefined> {
    const value = await this.redis.get(this.keys(saleId).left);
    return value === null ? undefined : Number(value);
  }

  async pending(saleId: number): Promise<PendingWin[]> {
    const all = await this.redis.hgetall(this.keys(saleId).pending);
    return Object.entries(all).map(([field, value]) => {
      const [memberId, seq] = field.split(":").map(Number) as [number, number];
      const [orderNo, ms] = value.split("|") as [string, string];
      return { memberId, seq, orderNo, decidedAt: new Date(Number(ms)) };
    });
  }

  async clearPending(saleId: number, memberId: number, seq: number): Promise<void> {
    await this.redis.hdel(this.keys(saleId).pending, `${memberId}:${seq}`);
  }

  /** Clears many written wins, one HDEL per sale (the order writer's batches; a sale's keys share a slot). */
  async clearPendingMany(wins: ReadonlyArray<{ saleId: number; memberId: number; seq: number }>): Promise<void> {
    const bySale = new Map<number, string[]>();
    for (const w of wins) bySale.set(w.saleId, [...(bySale.get(w.saleId) ?? []), `${w.memberId}:${w.seq}`]);
    await Promise.all([...bySale].map(([saleId, fields]) => this.redis.hdel(this.keys(saleId).pending, ...fields)));
  }

  /** Keys expire a while after the sale ended (orders are the durable record). */
  async expireAfter(saleId: number, ms: number): Promise<void> {
    const k = this.keys(saleId);
    const multi = this.redis.multi();
    for (const key of [k.meta, k.left, k.taken, k.seq, k.released, k.early]) multi.pexpire(key, ms);
    await multi.exec();
  }
}

/** This context's gate (one per Redis connection: it batches the grabs issued in one tick). */
export const FLASH_GATE = scopedKey("flash-gate", (app: AppContext) => new FlashGate(app.redis, app.key));
