// Two bot processes started for one account: the first drives it, the second waits and says so; the
// first is killed (SIGKILL, no goodbye), the second takes over within the lease time and sends the rest
// of the queue; no delivery is sent twice (each row claimed at most once: attempts ≤ 1).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppContext, createAppContext } from "../../../src/kernel/app-context.js";
import { TEST_SPEED_ENV } from "../../../src/sim/test-speed.js";
import { startEntry, waitForOutput } from "../../support/run-entry.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

const LEASE_MS = 4000;

describe("two bot processes for one account", () => {
  let env: TestEnv;
  let app: AppContext;
  const children: Array<ReturnType<typeof startEntry>> = [];
  beforeAll(async () => {
    env = await createTestEnv();
    app = createAppContext(env.config);
  });
  afterAll(async () => {
    for (const child of children) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill("SIGTERM");
    await Promise.all(children.map((child) => child.finished));
    await app?.close();
    await env?.cleanup();
  });

  it("lets one drive; after a SIGKILL the other takes over within the lease time and nothing is sent twice", async () => {
    const processEnv = {
      ...TEST_SPEED_ENV,
      DATABASE_URL: env.config.databaseUrl,
      REDIS_PREFIX: env.config.redis.prefix,
      LOG_LEVEL: "info",
      BOT_ACCOUNT: "main",
      WECHATY_PUPPET: "mock",
      ACCOUNT_LEASE_MS: String(LEASE_MS),
      // Five sends a second, one at a time: the queue is still being sent when the first process dies.
      OUTBOX_RATE_PER_MINUTE: "300",
      OUTBOX_BURST: "1",
    };
    const first = startEntry("src/main/bot.ts", [], processEnv);
    children.push(first);
    await waitForOutput(first.output, "holding the lease of account main", 60_000);
    await waitForOutput(first.output, "rooms synced", 60_000);
    const second = startEntry("src/main/bot.ts", [], processEnv);
    children.push(second);
    await waitForOutput(second.output, "account main is driven by another process", 60_000);

    const rooms = await app.db.room.findMany({ where: { active: true } });
    expect(rooms.length).toBeGreaterThan(0);
    const total = 30;
    await app.outbox.sendMany(
      Array.from({ length: total }, (_, i) => ({
        kind: "notice" as const,
        to: { roomId: rooms[i % rooms.length]!.id },
        text: `通知 ${i + 1}`,
      })),
    );
    await expect.poll(() => app.db.delivery.count({ where: { status: "sent" } }), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    first.child.kill("SIGKILL");
    const killedAt = Date.now();
    await first.finished;
    const sentBefore = await app.db.delivery.count({ where: { status: "sent" } });
    expect(sentBefore).toBeLessThan(total);

    await waitForOutput(second.output, "holding the lease of account main", LEASE_MS + 5000);
    // The lease lapses LEASE_MS after the last renewal; the waiter looks at most every second.
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + 2500);
    await waitForOutput(second.output, '"msg":"logged in"', 30_000);

    await expect.poll(() => app.db.delivery.count({ where: { status: { in: ["sent", "uncertain"] } } }), { timeout: 60_000 }).toBe(total);
    // Every row was claimed once at most: none handed to WeChat twice. The one in hand at the kill, if
    // any, is uncertain (never re-sent), not sent again.
    const rows = await app.db.delivery.findMany({ select: { attempts: true, status: true } });
    expect(rows.filter((row) => row.attempts > 1)).toEqual([]);
    expect(rows.filter((row) => row.status === "uncertain").length).toBeLessThanOrEqual(1);
    expect(await app.db.delivery.count({ where: { status: "sent" } })).toBeGreaterThan(sentBefore);
  }, 180_000);
});
