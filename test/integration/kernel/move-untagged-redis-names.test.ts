// The upgrade to hash-tagged names on one Redis server: jobs left in a queue under its old name and
// our own keys under theirs are moved, once.
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { moveUntaggedRedisNames } from "../../../src/kernel/move-untagged-redis-names.js";
import { outboxQueueName } from "../../../src/kernel/outbox/outbox-queue.js";
import { createTestApp } from "../../support/test-app.js";

describe("moving the names from before hash tags", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ app, cleanup } = await createTestApp()));
  afterAll(async () => cleanup?.());

  it("re-adds waiting and delayed jobs under the new queue name and renames our keys, keeping their TTL", async () => {
    const prefix = app.config.redis.prefix;
    const old = new Queue("outbox-main", { connection: app.redis, prefix });
    await old.add("reply", { deliveryId: "1" }, { jobId: "d-1", priority: 1 });
    await old.add("announcement", { deliveryId: "2" }, { jobId: "d-2", delay: 60_000 });
    await old.close();
    await app.redis.set(`${prefix}:governor:main:daily:2026-12-02:reply`, "7", "EX", 3600);
    await app.redis.hset(`${prefix}:flash:12:meta`, "state", "on");

    const moved = await moveUntaggedRedisNames(app.redis, prefix, [{ from: "outbox-main", to: outboxQueueName("main") }], app.logger);
    expect(moved).toEqual({ jobs: 2, keys: 2 });
    expect(await app.outboxQueue.getJobState("d-1")).toBe("prioritized");
    expect(await app.outboxQueue.getJobState("d-2")).toBe("delayed");
    const due = Number(await app.redis.zscore(app.outboxQueue.toKey("delayed"), "d-2")) / 4096 - Date.now();
    expect(due).toBeGreaterThan(50_000);
    expect(await app.redis.keys(`${prefix}:outbox-main:*`)).toEqual([]);
    expect(await app.redis.get(app.key("governor", "main", "daily", "2026-12-02", "reply"))).toBe("7");
    expect(await app.redis.ttl(app.key("governor", "main", "daily", "2026-12-02", "reply"))).toBeGreaterThan(3000);
    expect(await app.redis.hget(app.key("flash", 12, "meta"), "state")).toBe("on");
    // Once: a second run moves nothing.
    expect(await moveUntaggedRedisNames(app.redis, prefix, [{ from: "outbox-main", to: outboxQueueName("main") }], app.logger)).toEqual({
      jobs: 0,
      keys: 0,
    });
  });
});
