// The product on a Redis Cluster: three masters of our own on free ports, then the outbox, the
// flash-sale gate and a job scheduler run on them. Every key and queue carries a hash tag, so no
// script, MULTI or pipeline may fail with CROSSSLOT.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Worker } from "bullmq";
import { Cluster } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allJobs } from "../../../jobs/index.js";
import { FlashGate } from "../../../src/features/flash-sales/flash-gate.js";
import { type AppContext, createAppContext } from "../../../src/kernel/app-context.js";
import { jobQueueName } from "../../../src/kernel/jobs/job-queues.js";
import { createAccountOutboxWorker } from "../../../src/kernel/outbox/outbox-sender.js";
import { localDay } from "../../../src/kernel/time/zone.js";
import { RecordingSender } from "../../support/recording-sender.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

const run = promisify(execFile);

/** A port free now whose cluster bus port (port + 10000) is free too. */
async function freePort(taken: readonly number[]): Promise<number> {
  const listens = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer()
        .once("error", () => resolve(false))
        .listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.includes(port)) continue;
    if ((await listens(port)) && (await listens(port + 10_000))) return port;
  }
}

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const cli = (port: number, ...args: string[]) => run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args]);

describe("on a Redis Cluster of three masters", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "siyu-cluster-"));
  const nodes: ChildProcess[] = [];
  const ports: number[] = [];
  const errors: string[] = [];
  let testEnv: TestEnv;
  let app: AppContext;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) ports.push(await freePort(ports));
    for (const port of ports) {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes"];
      args.push("--cluster-config-file", `nodes-${port}.conf`, "--dir", dir, "--save", "", "--appendonly", "no");
      nodes.push(spawn("redis-server", args, { stdio: "ignore" }));
    }
    for (const port of ports) await until(`redis on ${port}`, async () => (await cli(port, "ping")).stdout.trim() === "PONG");
    await run("redis-cli", ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"]);
    for (const port of ports) {
      await until(`cluster_state:ok on ${port}`, async () => (await cli(port, "cluster", "info")).stdout.includes("cluster_state:ok"));
    }
    testEnv = await createTestEnv({ REDIS_CLUSTER_NODES: ports.map((p) => `127.0.0.1:${p}`).join(",") });
    app = createAppContext(testEnv.config, { jobs: allJobs });
    expect(app.redis).toBeInstanceOf(Cluster);
    app.redis.on("error", (error: Error) => errors.push(error.message));
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await testEnv?.cleanup().catch(() => undefined);
    for (const node of nodes) if (node.pid) process.kill(node.pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("the outbox queues a delivery and its worker sends it (governor and stranded sweep included)", async () => {
    const member = await app.db.member.create({ data: { wechatId: "alice", name: "Alice" } });
    const sender = new RecordingSender();
    const { deliveryId } = await app.outbox.send({ kind: "reply", to: { memberId: member.id }, text: "你好" });
    const worker = createAccountOutboxWorker(app, { sender });
    worker.on("error", (error) => errors.push(error.message));
    try {
      await sender.waitForCount(1);
      await expect.poll(async () => (await app.db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).status).toBe("sent");
      // The sweep's pipeline reads a queue's keys together; the governor's MULTI writes an account's.
      expect(await app.outbox.requeueStranded(new Date(Date.now() + 60_000))).toBe(0);
      await app.governor.recordFailure();
      await app.governor.recordSuccess();
      expect((await app.governor.state(localDay(new Date(), app.config.timeZone))).sentToday).toEqual({ reply: 1 });
    } finally {
      await worker.close();
    }
  });

  it("the flash-sale gate loads and decides grabs (five keys in one script)", async () => {
    const gate = new FlashGate(app.redis, app.key);
    const now = new Date();
    const sale = { id: 9001, startsAt: new Date(now.getTime() - 60_000), endsAt: new Date(now.getTime() + 3_600_000), perMemberLimit: 1 };
    expect(await gate.load({ ...sale, roomIds: [3], state: "on" }, 1, [])).toBe(true);
    expect((await gate.grab(9001, { memberId: 1, roomId: 3, orderNo: "FCLUSTER001", now })).kind).toBe("won");
    expect((await gate.grab(9001, { memberId: 1, roomId: 3, orderNo: "FCLUSTER002", now })).kind).toBe("limitReached");
    expect((await gate.grab(9001, { memberId: 2, roomId: 3, orderNo: "FCLUSTER003", now })).kind).toBe("soldOut");
    await gate.clearPendingMany([{ saleId: 9001, memberId: 1, seq: 1 }]);
    await gate.expireAfter(9001, 60_000);
  });

  it("job schedulers are upserted for every kind, and a scheduler's jobs run", async () => {
    await app.jobs.schedule(allJobs, app.config);
    const scheduled = allJobs.filter((job) => job.schedule?.(app.config));
    expect(scheduled.length).toBeGreaterThan(0);
    for (const job of scheduled) expect(await app.jobs.queue(job.id).getJobSchedulersCount()).toBe(1);

    const probe = app.jobs.queue("cluster-probe");
    await probe.upsertJobScheduler("probe", { every: 200 }, { name: "probe" });
    let runs = 0;
    const worker = new Worker(jobQueueName("cluster-probe"), async () => void runs++, {
      connection: app.redis,
      prefix: app.config.redis.prefix,
    });
    worker.on("error", (error) => errors.push(error.message));
    try {
      await expect.poll(() => runs, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      await worker.close();
      await probe.removeJobScheduler("probe");
    }
  });

  // A failed command rejects its test; a worker's or the client's own error lands here.
  afterEach(() => {
    expect(errors.filter((message) => /CROSSSLOT/.test(message))).toEqual([]);
  });
});
