// A Redis outage under a running worker (issue 8, item 7): logged once when the connection is lost,
// naming the client, and once when it is back, with how long it was away; not a line (and a stack
// trace) per command, reconnect attempt or BullMQ worker. Runs its own redis-server on a free port,
// never the shared one.
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import type { Worker } from "bullmq";
import { pino } from "pino";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type AppContext, createAppContext } from "../../../src/kernel/app-context.js";
import { startJobs } from "../../../src/main/stack.js";
import { freePort, redisDataDir, startRedis, stopRedis } from "../../support/redis-server.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

describe("a Redis outage under a running worker", () => {
  let redisServer: ChildProcess | undefined;
  let testEnv: TestEnv | undefined;
  let app: AppContext | undefined;
  let workers: Worker[] = [];
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await app?.close();
    await testEnv?.cleanup();
    await stopRedis(redisServer);
  });

  it("logs the lost connection once and its recovery once, with the client and the duration", { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = await redisDataDir();
    redisServer = await startRedis(port, dir);
    testEnv = await createTestEnv({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const lines: Array<{ level: number; msg: string; stack?: string; err?: { stack?: string }; [key: string]: unknown }> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    app = createAppContext(testEnv.config, { logger });
    workers = await startJobs(app);
    await app.redis.ping();
    const before = lines.length;
    // BullMQ prints an error a queue has no listener for with console.error: one per retry and queue.
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);

    await stopRedis(redisServer);
    const cutAt = Date.now();
    await sleep(4000); // the outage: workers, queues and the app's client all retrying meanwhile
    redisServer = await startRedis(port, dir);
    const recovered = () => lines.slice(before).filter((l) => /Redis connection (recovered|back)/.test(l.msg));
    for (const deadline = Date.now() + 20_000; recovered().length === 0; await sleep(100)) {
      if (Date.now() > deadline)
        throw new Error(
          `no recovery line; logged:\n${lines
            .slice(before)
            .map((l) => l.msg)
            .slice(0, 20)
            .join("\n")}`,
        );
    }
    await app.redis.ping();
    // Stragglers: workers' own connections reconnect after the app's; once all are ready, none can still log.
    // biome-ignore lint/complexity/useLiteralKeys: the worker's blocking connection is private; the test must see it reconnect.
    const connected = async (w: Worker) => [await w.client, await w["blockingConnection"].client].every((c) => c.status === "ready");
    await expect.poll(async () => (await Promise.all(workers.map(connected))).every(Boolean), { timeout: 20_000, interval: 50 }).toBe(true);

    const during = lines.slice(before);
    const lost = during.filter((l) => /Redis connection lost/.test(l.msg));
    expect(
      lost,
      during
        .map((l) => l.msg)
        .slice(0, 20)
        .join("\n"),
    ).toHaveLength(1);
    expect(lost[0]).toMatchObject({ client: expect.any(String) });
    expect(recovered()).toHaveLength(1);
    expect(recovered()[0]).toMatchObject({ client: lost[0]!.client, downForMs: expect.any(Number) });
    expect(recovered()[0]!.downForMs as number).toBeGreaterThanOrEqual(3000);
    expect(recovered()[0]!.downForMs as number).toBeLessThan(Date.now() - cutAt + 1000);
    expect(
      during.filter((l) => l.level >= 40),
      during
        .map((l) => l.msg)
        .slice(0, 20)
        .join("\n"),
    ).toHaveLength(1); // the lost line
    expect(printed.mock.calls.map((c) => String(c[0]).slice(0, 80)).slice(0, 5)).toEqual([]);
    printed.mockRestore();
    expect(during.filter((l) => l.err?.stack || l.stack)).toHaveLength(0);
    console.info(`redis outage: ${during.length} lines logged (${lost.length} lost, ${recovered().length} recovered)`);
  });
});
