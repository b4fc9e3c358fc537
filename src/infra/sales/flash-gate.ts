// The flash-sale gate: one Redis Lua script decides every grab atomically (time window, room, per-member
// limit, stock), so several bot processes can never oversell. Each win is also logged in a `pending`
// hash until its order row is durable; reconciliation writes whatever a crash left there (the order
// insert is idempotent on (sale, member, n)), so a win is neither lost nor written twice.
import type { Redis } from "ioredis";
import type { Keyspace } from "../redis.js";

// Decides a batch of grabs of one sale in one call (each exactly as if alone, in order): ARGV = now,
// then (member, room, orderNo) triples. Returns (code, a, b) triples. Batching amortises the per-call
// cost in the client, which is what limits a Node process, not Redis.
const GRAB = `
local meta, left, taken, seq, pending = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local now = tonumber(ARGV[1])
local out = {}
local function put(code, a, b) out[#out + 1] = code out[#out + 1] = a or 0 out[#out + 1] = b or 0 end
if redis.call('EXISTS', meta) == 0 then
  for i = 2, #ARGV, 3 do put('missing') end
  return out
end
local m = redis.call('HMGET', meta, 'start', 'end', 'limit', 'state', 'rooms')
local start, stop, limit, state, rooms = tonumber(m[1]), tonumber(m[2]), tonumber(m[3]), m[4], m[5]
for i = 2, #ARGV, 3 do
  local member, room, orderNo = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if state == 'cancelled' then put('cancelled')
  elseif room == '' or not string.find(rooms, ',' .. room .. ',', 1, true) then put('notInRoom')
  elseif state ~= 'on' or now >= stop then put('ended')
  elseif now < start then put('notOpen', m[1])
  elseif tonumber(redis.call('HGET', taken, member) or '0') >= limit then put('limitReached', limit)
  elseif tonumber(redis.call('GET', left) or '0') <= 0 then put('soldOut')
  else
    local rest = redis.call('DECR', left)
    redis.call('HINCRBY', taken, member, 1)
    local n = redis.call('HINCRBY', seq, member, 1)
    redis.call('HSET', pending, member .. ':' .. n, orderNo .. '|' .. now)
    local soldOuts = 0
    if rest == 0 then soldOuts = redis.call('HINCRBY', meta, 'soldOuts', 1) end
    put('won', n, soldOuts)
  end
end
return out
`;

// Puts a sale's gate in place unless it is there already (several processes may load it at once).
// ARGV[8] lists the orders no longer live (their units are in ARGV[6] already): a late release of one
// of them must not count it twice.
const LOAD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'start', ARGV[1], 'end', ARGV[2], 'limit', ARGV[3], 'state', ARGV[4], 'rooms', ARGV[5], 'soldOuts', ARGV[7])
redis.call('SET', KEYS[2], ARGV[6])
for id in string.gmatch(ARGV[8], '%d+') do redis.call('SADD', KEYS[5], id) end
for i = 9, #ARGV, 3 do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 2])
end
return 1
`;

// An expired order's unit goes back on sale and the member may grab again: once per order (the
// `released` set), so a retried expiry never returns a unit twice.
const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
if redis.call('SADD', KEYS[4], ARGV[3]) == 0 then return {-2, 0} end
local rest = redis.call('INCR', KEYS[2])
if tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0') > 0 then redis.call('HINCRBY', KEYS[3], ARGV[1], -1) end
local open = 0
if redis.call('HGET', KEYS[1], 'state') == 'on' and tonumber(ARGV[2]) < tonumber(redis.call('HGET', KEYS[1], 'end')) then open = 1 end
return {rest, open}
`;

// Updates an existing gate's window, state, limit and rooms from the record; never creates a partial gate.
const SYNC = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'start', ARGV[2], 'end', ARGV[3], 'limit', ARGV[4], 'rooms', ARGV[5])
return 1
`;

export type GateDecision =
  | { kind: "won"; seq: number; soldOutCount: number }
  | { kind: "notOpen"; startsAt: Date }
  | { kind: "soldOut" }
  | { kind: "ended" }
  | { kind: "noSuchSale" }
  | { kind: "cancelled" }
  | { kind: "notInRoom" }
  | { kind: "missing" }
  | { kind: "limitReached"; limit: number };

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

function decision(code: string | number, a: string | number, b: string | number): GateDecision {
  switch (code) {
    case "won":
      return { kind: "won", seq: Number(a), soldOutCount: Number(b) };
    case "notOpen":
      return { kind: "notOpen", startsAt: new Date(Number(a)) };
    case "limitReached":
      return { kind: "limitReached", limit: Number(a) };
    default:
      return { kind: code as "soldOut" };
  }
}

export class FlashGate {
  constructor(
    private readonly redis: Redis,
    private readonly key: Keyspace,
  ) {
    for (const [name, lua, keys] of [["flashGrab", GRAB, 5], ["flashLoad", LOAD, 5], ["flashRelease", RELEASE, 4], ["flashSync", SYNC, 1]] as const) {
      if (!(name in redis)) redis.defineCommand(name, { lua, numberOfKeys: keys });
    }
  }

  private keys(saleId: number) {
    const k = (part: string) => this.key("flash", saleId, part);
    return { meta: k("meta"), left: k("left"), taken: k("taken"), seq: k("seq"), pending: k("pending"), released: k("released") };
  }

  /**
   * Decides one grab. `orderNo` is the number the order will carry if it wins (logged with the win).
   * Grabs issued in the same turn of the event loop go to Redis together, one script call per sale.
   *
   * `roomId` is where the member is (a private grab: one of the sale's rooms the member is in).
   *
   * @example await gate.grab(12, { memberId: 5, roomId: 3, orderNo: "F8K2…", now }) // { kind: "won", seq: 1, … }
   */
  grab(saleId: number, input: { memberId: number; roomId: number; orderNo: string; now: Date }): Promise<GateDecision> {
    return new Promise((resolve, reject) => {
      let batch = this.batches.get(saleId);
      if (!batch) this.batches.set(saleId, (batch = []));
      batch.push({ ...input, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private readonly batches = new Map<number, Array<{ memberId: number; roomId: number; orderNo: string; now: Date; resolve(d: GateDecision): void; reject(e: unknown): void }>>();
  private flushScheduled = false;

  private flush(): void {
    this.flushScheduled = false;
    const batches = [...this.batches];
    this.batches.clear();
    for (const [saleId, all] of batches) {
      for (let from = 0; from < all.length; from += MAX_BATCH) {
        const batch = all.slice(from, from + MAX_BATCH);
        const k = this.keys(saleId);
        const run = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<Array<string | number>>>).flashGrab!;
        // One instant for the batch: the latest of its grabs (they were issued within the same tick).
        const now = Math.max(...batch.map((g) => g.now.getTime()));
        const args: Array<string | number> = [now];
        for (const g of batch) args.push(g.memberId, g.roomId, g.orderNo);
        run.call(this.redis, k.meta, k.left, k.taken, k.seq, k.pending, ...args).then(
          (r) => batch.forEach((g, i) => g.resolve(decision(r[i * 3]!, r[i * 3 + 1]!, r[i * 3 + 2]!))),
          (error: unknown) => batch.forEach((g) => g.reject(error)),
        );
      }
    }
  }

  /**
   * Loads a sale's gate from the durable record (no-op if present). `held`: members' live and total grabs;
   * `settled`: orders no longer live (expired, cancelled), whose units `left` already counts.
   */
  async load(sale: GateSale, left: number, held: Array<{ memberId: number; live: number; seq: number }>, soldOuts = 0, settled: readonly number[] = []): Promise<boolean> {
    const k = this.keys(sale.id);
    const run = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number>>).flashLoad!;
    const args: Array<string | number> = [
      sale.startsAt.getTime(), sale.endsAt.getTime(), sale.perMemberLimit, sale.state, `,${sale.roomIds.join(",")},`, Math.max(left, 0), soldOuts, settled.join(","),
    ];
    for (const h of held) args.push(h.memberId, h.live, h.seq);
    return (await run.call(this.redis, k.meta, k.left, k.taken, k.seq, k.released, ...args)) === 1;
  }

  /**
   * Returns an expired order's unit to stock, once per order however often it is called. `open`: the sale
   * is still running. Undefined when there was nothing to do: the gate is gone (a rebuilt gate counts the
   * order's unit itself) or this order's unit was returned already.
   */
  async release(saleId: number, memberId: number, orderId: number, now: Date): Promise<{ left: number; open: boolean } | undefined> {
    const k = this.keys(saleId);
    const run = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number[]>>).flashRelease!;
    const [left, open] = await run.call(this.redis, k.meta, k.left, k.taken, k.released, memberId, now.getTime(), orderId);
    return left! < 0 ? undefined : { left: left!, open: open === 1 };
  }

  /** Brings an existing gate in line with the sale's record (cancelled, moved); a missing gate stays missing. */
  async sync(sale: GateSale): Promise<boolean> {
    const run = (this.redis as unknown as Record<string, (...a: unknown[]) => Promise<number>>).flashSync!;
    const { meta } = this.keys(sale.id);
    return (await run.call(this.redis, meta, sale.state, sale.startsAt.getTime(), sale.endsAt.getTime(), sale.perMemberLimit, `,${sale.roomIds.join(",")},`)) === 1;
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

  /** Clears many written wins in one round trip (the order writer's batches). */
  async clearPendingMany(wins: ReadonlyArray<{ saleId: number; memberId: number; seq: number }>): Promise<void> {
    const multi = this.redis.multi();
    for (const w of wins) multi.hdel(this.keys(w.saleId).pending, `${w.memberId}:${w.seq}`);
    await multi.exec();
  }

  /** Keys expire a while after the sale ended (orders are the durable record). */
  async expireAfter(saleId: number, ms: number): Promise<void> {
    const k = this.keys(saleId);
    const multi = this.redis.multi();
    for (const key of [k.meta, k.left, k.taken, k.seq, k.released]) multi.pexpire(key, ms);
    await multi.exec();
  }
}
