// The reply digest: in a room, replies to one command that come in a burst (a rush of 抢, 领券, 参团) leave
// as one message per window instead of one each. A reply outside a burst goes at once and opens a
// window; replies during the window wait in Redis and leave together when it ends (a delayed job), and
// the burst lasts while windows keep filling. How they are worded is combine-replies.ts (pure);
// docs/outbox.md, "Reply digest". The digest sits before routing: each combined message is one
// delivery row, sent by whichever account the outbox routes the room to.
import { randomUUID } from "node:crypto";
import type { Result } from "ioredis";
import { z } from "zod";
import type { AppContext } from "../app-context.js";
import { scopedKey } from "../context-scope.js";
import { jobRef } from "../jobs/job-ref.js";
import { defineLuaCommands, luaCommand } from "../lua-command.js";
import { aloneText, combineReplies, type RoomReply } from "./combine-replies.js";

const ADD = luaCommand("siyuDigestAdd", 2, new URL("./lua/digest-add.lua", import.meta.url));
const TAKE = luaCommand("siyuDigestTake", 3, new URL("./lua/digest-take.lua", import.meta.url));
const FORGET = luaCommand("siyuDigestForget", 1, new URL("./lua/digest-forget.lua", import.meta.url));

declare module "ioredis" {
  interface RedisCommander<Context> {
    /** lua/digest-add.lua: [0, window] send now; [1, window, ms] buffered, flushed in ms. */
    siyuDigestAdd(
      window: string,
      buffer: string,
      windowMs: number,
      reply: string,
      newWindow: string,
      keepMs: number,
    ): Result<unknown[], Context>;
    /** lua/digest-take.lua: the batches not yet known sent, [id, json, id, json, …]. */
    siyuDigestTake(
      window: string,
      buffer: string,
      batches: string,
      windowMs: number,
      batch: string,
      newWindow: string,
      keepMs: number,
    ): Result<string[], Context>;
    /** lua/digest-forget.lua: 1 when the due entry was removed. */
    siyuDigestForget(due: string, member: string, startedAt: number): Result<number, Context>;
  }
}

/** A window's buffered replies are flushed by this job, delayed to the window's end (jobs/reply-digest-flush.ts). */
export const replyDigestFlushJob = jobRef(
  "reply-digest-flush",
  z.object({ roomId: z.number().int().positive(), kind: z.string().min(1).max(100) }),
  { attempts: 5 },
);

// A buffer or batch older than this is past any use (and past any flush's retries): Redis drops it.
const KEEP_MS = 24 * 3600_000;

const ZRoomReply = z.object({
  member: z.object({ id: z.number().int(), name: z.string() }),
  text: z.string(),
  outcome: z.object({
    key: z.string(),
    zh: z.string(),
    en: z.string(),
    note: z.object({ key: z.string(), text: z.string(), rank: z.number().optional() }).optional(),
    order: z.number().optional(),
    plain: z.boolean().optional(),
  }),
});

/** The digest of this app context (its Redis and outbox): `app.scoped(REPLY_DIGEST).submit(…)`. */
export const REPLY_DIGEST = scopedKey("reply-digest", (app: AppContext) => new ReplyDigest(app));

/** An id that sorts by when it was made (batches are sent oldest first) and never repeats. */
function timedId(): string {
  return `${Date.now().toString(36).padStart(9, "0")}-${randomUUID().slice(0, 8)}`;
}

/**
 * Replies to one command kind in one room, combined while a burst lasts. Times are the real clock's,
 * not the app clock's: a window is a Redis expiry and a BullMQ delay, which a test's clock cannot move.
 */
export class ReplyDigest {
  constructor(private readonly app: AppContext) {
    defineLuaCommands(app.redis, [ADD, TAKE, FORGET]);
  }

  private get windowMs(): number {
    return this.app.config.replyDigest.windowMs;
  }

  /** Every room's command with replies that may still wait, by when they are due at the latest: the sweep's list. */
  private get dueKey(): string {
    return this.app.key("digest", "due");
  }

  private keys(roomId: number, kind: string) {
    const owner = `${roomId}:${kind}`;
    return {
      window: this.app.key("digest", owner, "window"),
      buffer: this.app.key("digest", owner, "buffer"),
      batches: this.app.key("digest", owner, "batches"),
      due: this.dueKey,
      member: `${roomId} ${kind}`,
    };
  }

  /**
   * Answers `reply` in the room: at once when no burst of `kind` is on there (a window opens), else
   * with the others of the window when it ends. Returns which.
   *
   * @example await app.scoped(REPLY_DIGEST).submit(room.id, "flash.grab", { member, text, outcome })
   */
  async submit(roomId: number, kind: string, reply: RoomReply): Promise<"sent" | "buffered"> {
    if (this.windowMs === 0) {
      await this.sendNow(roomId, reply);
      return "sent";
    }
    const k = this.keys(roomId, kind);
    // Listed as due first: a process that dies after buffering leaves a reply the sweep will find.
    await this.app.redis.zadd(k.due, "GT", Date.now() + this.windowMs, k.member);
    const [buffered, window, ms] = await this.app.redis.siyuDigestAdd(
      k.window,
      k.buffer,
      this.windowMs,
      JSON.stringify(reply),
      timedId(),
      KEEP_MS,
    );
    if (Number(buffered) === 0) {
      await this.sendNow(roomId, reply);
      return "sent";
    }
    // One job per window (its id): the first buffered reply adds it, the others find it there.
    await this.app.jobs.add(
      replyDigestFlushJob,
      { roomId, kind },
      { jobId: `digest-${roomId}-${kind}-${window}`, delayMs: Math.max(1, Number(ms)) },
    );
    return "buffered";
  }

  /**
   * Sends what waits for `kind` in the room: the buffer as one batch, and any batch an earlier flush
   * took but did not finish. Each message's dedupe key is its batch's id and its place, so flushing
   * twice (a retried job, the sweep, two workers) queues it once. Returns how many messages were queued.
   */
  async flush(roomId: number, kind: string): Promise<number> {
    const startedAt = Date.now();
    const k = this.keys(roomId, kind);
    const taken = await this.app.redis.siyuDigestTake(k.window, k.buffer, k.batches, this.windowMs, timedId(), timedId(), KEEP_MS);
    const batches: Array<{ id: string; replies: RoomReply[] }> = [];
    for (let i = 0; i + 1 < taken.length; i += 2) batches.push({ id: taken[i]!, replies: this.parseBatch(taken[i + 1]!, roomId, kind) });
    batches.sort((a, b) => (a.id < b.id ? -1 : 1));
    let queued = 0;
    for (const batch of batches) {
      const texts = combineReplies(batch.replies);
      const results = await this.app.outbox.sendMany(
        texts.map((text, i) => ({ kind: "reply" as const, to: { roomId }, text, dedupeKey: `digest:${roomId}:${kind}:${batch.id}:${i}` })),
      );
      queued += results.filter((r) => r.created).length;
      await this.app.redis.hdel(k.batches, batch.id);
    }
    await this.app.redis.siyuDigestForget(k.due, k.member, startedAt);
    return queued;
  }

  /**
   * Flushes every room's command whose window is over but which is still listed as due: its flush job
   * was never added (the process died between the buffer and the job) or failed. Returns messages queued.
   */
  async sweep(limit = 500): Promise<number> {
    const due = await this.app.redis.zrangebyscore(this.dueKey, "-inf", Date.now(), "LIMIT", 0, limit);
    let queued = 0;
    for (const member of due) {
      const [room, kind] = member.split(" ");
      if (!room || !kind) continue;
      queued += await this.flush(Number(room), kind);
    }
    return queued;
  }

  private async sendNow(roomId: number, reply: RoomReply): Promise<void> {
    await this.app.outbox.send({ kind: "reply", to: { roomId }, text: aloneText(reply) });
  }

  /** A batch's replies; one that does not parse (written by another version) is logged and left out. */
  private parseBatch(json: string, roomId: number, kind: string): RoomReply[] {
    const replies: RoomReply[] = [];
    for (const item of z.array(z.string()).catch([]).parse(safeJson(json))) {
      const parsed = ZRoomReply.safeParse(safeJson(item));
      if (parsed.success) replies.push(parsed.data);
      else this.app.logger.warn({ roomId, kind }, "reply digest: a buffered reply did not parse; left out");
    }
    return replies;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
