// The reply digest against real Redis and PostgreSQL: a lone reply goes at once, a burst waits for its
// window and leaves as one delivery, a flush run twice queues it once, and replies a dead process left
// (no flush job, or a flush that failed half-way) are found by the sweep. No worker runs here: the
// tests flush by hand, as the delayed job and the sweep would.
import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import type { ReplyOutcome } from "../../../../src/kernel/outbox/combine-replies.js";
import { REPLY_DIGEST, replyDigestFlushJob } from "../../../../src/kernel/outbox/reply-digest.js";
import { createTestApp } from "../../../support/test-app.js";

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const SOLD_OUT: ReplyOutcome = { key: "soldOut:1", zh: "来晚了，秒杀 #1 已抢光", en: "Sold out" };
const KIND = "flash.grab";

async function setup(windowMs: number) {
  const { app, cleanup } = await createTestApp({ REPLY_DIGEST_WINDOW_MS: String(windowMs) });
  cleanups.push(cleanup);
  const room = await app.db.room.create({ data: { wechatRoomId: "vip@chatroom", topic: "VIP群" } });
  const digest = app.scoped(REPLY_DIGEST);
  let next = 1;
  const submit = (name: string) =>
    digest.submit(room.id, KIND, { member: { id: next++, name }, text: "秒杀 #1已抢光了，下次早点来～ / Sold out.", outcome: SOLD_OUT });
  return { app, room, digest, submit };
}

const roomTexts = async (app: AppContext, roomId: number) =>
  (await app.db.delivery.findMany({ where: { roomId }, orderBy: { id: "asc" } })).map((d) => d.text);

describe("the reply digest", () => {
  it("sends a lone reply at once, holds a burst for its window, and sends the burst once however often it is flushed", async () => {
    const { app, room, digest, submit } = await setup(5000);
    expect(await submit("m1")).toBe("sent");
    expect(await roomTexts(app, room.id)).toEqual(["@m1 秒杀 #1已抢光了，下次早点来～ / Sold out."]);

    for (const name of ["m2", "m3", "m4"]) expect(await submit(name)).toBe("buffered");
    expect(await roomTexts(app, room.id)).toHaveLength(1);
    // One flush job for the window, due at its end.
    const jobs = await app.jobs.queue(replyDigestFlushJob.id).getDelayed();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual({ roomId: room.id, kind: KIND });
    expect(jobs[0]!.opts.delay).toBeGreaterThan(3000);
    expect(jobs[0]!.opts.delay).toBeLessThanOrEqual(5000);

    // The job, a retry of it and the sweep at once: one message.
    const queued = await Promise.all([digest.flush(room.id, KIND), digest.flush(room.id, KIND), digest.flush(room.id, KIND)]);
    expect(queued.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await digest.flush(room.id, KIND)).toBe(0);
    expect(await roomTexts(app, room.id)).toEqual([
      "@m1 秒杀 #1已抢光了，下次早点来～ / Sold out.",
      "@m2 @m3 @m4 来晚了，秒杀 #1 已抢光。/ Sold out.",
    ]);
    // A message went, so the burst goes on: the next reply waits for the next window.
    expect(await submit("m5")).toBe("buffered");
  });

  it("sends a window's one reply as it would go alone, and a reply after an empty window at once", async () => {
    const { app, room, digest, submit } = await setup(1000);
    expect(await submit("m1")).toBe("sent");
    expect(await submit("m2")).toBe("buffered");
    expect(await digest.flush(room.id, KIND)).toBe(1);
    expect((await roomTexts(app, room.id))[1]).toBe("@m2 秒杀 #1已抢光了，下次早点来～ / Sold out.");
    // The window the flush opened ends with nothing in it: the burst is over.
    await expect.poll(() => app.redis.exists(app.key("digest", `${room.id}:${KIND}`, "window")), { timeout: 5000 }).toBe(0);
    expect(await digest.flush(room.id, KIND)).toBe(0);
    expect(await submit("m3")).toBe("sent");
    expect(await roomTexts(app, room.id)).toHaveLength(3);
  });

  it("loses nothing when the process dies: a flush job never queued, or a flush that failed before its messages were queued", async () => {
    const { app, room, digest, submit } = await setup(1000);
    await submit("m1");
    await submit("m2");
    await submit("m3");
    // Died between the buffer and the job: the job is not there.
    await app.jobs.queue(replyDigestFlushJob.id).obliterate({ force: true });
    // The sweep looks only at windows that are over.
    await expect.poll(() => digest.sweep(), { timeout: 5000 }).toBe(1);
    expect((await roomTexts(app, room.id))[1]).toBe("@m2 @m3 来晚了，秒杀 #1 已抢光。/ Sold out.");
    expect(await digest.sweep()).toBe(0);

    // A flush that took the batch and died before queueing it (the database was away).
    await submit("m4");
    await submit("m5");
    const sendMany = app.outbox.sendMany.bind(app.outbox);
    app.outbox.sendMany = async () => {
      throw new Error("database away");
    };
    await expect(digest.flush(room.id, KIND)).rejects.toThrow("database away");
    app.outbox.sendMany = sendMany;
    expect(await roomTexts(app, room.id)).toHaveLength(2);
    // A reply meanwhile: the next flush sends the kept batch, then the new one, each once.
    await submit("m6");
    await expect.poll(() => digest.sweep(), { timeout: 5000 }).toBe(2);
    expect((await roomTexts(app, room.id)).slice(2)).toEqual([
      "@m4 @m5 来晚了，秒杀 #1 已抢光。/ Sold out.",
      "@m6 秒杀 #1已抢光了，下次早点来～ / Sold out.",
    ]);
    expect(await digest.flush(room.id, KIND)).toBe(0);
    expect(await app.db.delivery.count({ where: { roomId: room.id, dedupeKey: { startsWith: `digest:${room.id}:${KIND}:` } } })).toBe(3);
  });

  it("is off at 0: every reply at once, nothing in Redis", async () => {
    const { app, room, submit } = await setup(0);
    for (const name of ["m1", "m2", "m3"]) expect(await submit(name)).toBe("sent");
    expect(await roomTexts(app, room.id)).toHaveLength(3);
    expect(await app.redis.exists(app.key("digest", "due"))).toBe(0);
  });
});
