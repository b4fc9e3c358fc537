import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/kernel/app-context.js";
import { forgetStaleQueues } from "../../../src/sim/forget-stale-queues.js";
import { createTestApp } from "../../support/test-app.js";

describe("a new demo database with an old Redis", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ app, cleanup } = await createTestApp()));
  afterAll(() => cleanup());

  it("forgets the last run's queues while the database has no member, and only then", async () => {
    const stale = app.key("outbox-main", "d-1");
    await app.redis.set(stale, "from a database that is gone");
    expect(await forgetStaleQueues(app.config)).toBeGreaterThanOrEqual(1);
    expect(await app.redis.exists(stale)).toBe(0);

    await app.db.member.create({ data: { wechatId: "alice", name: "Alice" } });
    await app.redis.set(stale, "this run's");
    expect(await forgetStaleQueues(app.config)).toBe(0);
    expect(await app.redis.get(stale)).toBe("this run's");
  });
});
