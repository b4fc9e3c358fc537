// The processes as an operator runs them: configuration errors, graceful stops, the scenario runner.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEntry, waitForOutput } from "../../support/run-entry.js";
import { createTestEnv, type TestEnv } from "../../support/test-app.js";

describe("entry points", () => {
  let env: TestEnv;
  let processEnv: Record<string, string>;
  beforeAll(async () => {
    env = await createTestEnv();
    processEnv = { DATABASE_URL: env.config.databaseUrl, REDIS_PREFIX: env.config.redis.prefix, LOG_LEVEL: "info" };
  });
  afterAll(async () => env?.cleanup());

  it("refuses to start on bad configuration with one clear message and exit code 1", async () => {
    const { finished } = startEntry("src/main/bot.ts", [], { DATABASE_URL: "mysql://root@db/shop", OUTBOX_RATE_PER_MINUTE: "lots" });
    const { code, stderr, stdout } = await finished;
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("Siyu cannot start: the configuration has 2 problem(s):");
    expect(stderr).toContain('DATABASE_URL="mysql://root@db/shop": must be a URL like postgresql://');
    expect(stderr).toContain('OUTBOX_RATE_PER_MINUTE="lots": must be a number');
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("refuses to serve on a database that is unreachable or behind its migrations, saying what to run", async () => {
    const unmigrated = `siyu_unmigrated_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: env.config.databaseUrl.replace(/\/[^/?]+(\?|$)/, "/postgres$1") });
    await admin.connect();
    await admin.query(`create database ${unmigrated}`);
    try {
      const behind = await startEntry("src/main/worker.ts", [], {
        ...processEnv,
        DATABASE_URL: env.config.databaseUrl.replace(/\/[^/?]+(\?|$)/, `/${unmigrated}$1`),
      }).finished;
      expect(behind.code).toBe(1);
      expect(behind.stderr).toMatch(/数据库还差 \d+ 个迁移（20261123000000_spine, .*）：先运行 npm run db:migrate/);
      const unreachable = await startEntry("src/main/bot.ts", [], { ...processEnv, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/siyu" })
        .finished;
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toContain("连不上数据库（DATABASE_URL）");
      expect(unreachable.stderr).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      await admin.query(`drop database if exists ${unmigrated} with (force)`);
      await admin.end();
    }
  });

  it("exits 1 within ~10 s with one clear line when Redis or PostgreSQL cannot be reached at start-up", { timeout: 120_000 }, async () => {
    // Killed after 20 s if still running: a process that hangs is the failure being tested.
    const run = async (script: string, env: Record<string, string>) => {
      const startedAt = Date.now();
      const entry = startEntry(script, [], { ...processEnv, HTTP_PORT: "0", ...env });
      const killer = setTimeout(() => entry.child.kill("SIGKILL"), 20_000);
      const finished = await entry.finished.finally(() => clearTimeout(killer));
      return { script, ...finished, ms: Date.now() - startedAt };
    };
    const scripts = ["src/main/bot.ts", "src/main/worker.ts", "src/main/api.ts"];
    // One at a time: run together on a busy CI machine, their start-up (tsx) alone can take 10 s.
    const noRedis = [];
    const noDatabase = [];
    for (const script of scripts) noRedis.push(await run(script, { REDIS_URL: "redis://127.0.0.1:1" }));
    for (const script of scripts) noDatabase.push(await run(script, { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/siyu" }));
    console.info(`start-up failures: ${[...noRedis, ...noDatabase].map((r) => `${r.script} ${r.ms} ms`).join(", ")}`);
    for (const result of noRedis) {
      expect({ script: result.script, code: result.code }, result.stderr.slice(-1500)).toEqual({ script: result.script, code: 1 });
      expect(result.ms, result.script).toBeLessThan(10_000);
      expect(result.stderr).toContain("连不上 Redis（REDIS_URL）");
      expect(result.stderr).toContain("Cannot reach Redis");
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED.*\n.*ECONNREFUSED/); // no stack, no repeats
      expect(result.stderr.trim().split("\n")).toHaveLength(2); // the Chinese line and the English one
    }
    for (const result of noDatabase) {
      expect({ script: result.script, code: result.code }).toEqual({ script: result.script, code: 1 });
      expect(result.ms, result.script).toBeLessThan(10_000);
      expect(result.stderr).toContain("连不上数据库（DATABASE_URL）");
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(result.stderr.trim().split("\n")).toHaveLength(2);
    }
  });

  it("stops the worker gracefully on SIGTERM", async () => {
    const worker = startEntry("src/main/worker.ts", [], processEnv);
    await waitForOutput(worker.output, "worker started");
    worker.child.kill("SIGTERM");
    const { code, stderr } = await worker.finished;
    expect(stderr).toContain("stopping: finishing work in hand");
    expect(code).toBe(0);
  });

  it("stops the bot gracefully on SIGINT", async () => {
    const bot = startEntry("src/main/bot.ts", [], processEnv);
    await waitForOutput(bot.output, "rooms synced");
    bot.child.kill("SIGINT");
    const { code } = await bot.finished;
    expect(code).toBe(0);
  });

  it("runs the README's scenario: transcript on stdout, exit 0", async () => {
    const { code, stdout, stderr } = await startEntry("src/main/simulate.ts", ["test/scenarios/spine-example.json"], {}).finished;
    expect(code, stderr).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ dir: "in", room: "vip", from: "alice", text: "帮助" });
    expect(lines.find((l) => l.dir === "out" && l.to === "bob")?.text).toMatch(/已退订/);
    expect(lines.find((l) => l.dir === "out" && l.room === "vip" && l.text.includes("carol"))?.text).toContain("欢迎");
    for (const line of lines) expect(Number.isNaN(Date.parse(line.t))).toBe(false);
  });

  it("exits 1 and names the expectation that failed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "siyu-scenario-"));
    const file = path.join(dir, "false.json");
    await writeFile(
      file,
      JSON.stringify({
        community: { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice"] }] },
        steps: [
          { from: "alice", room: "vip", say: "帮助" },
          { expect: { room: "vip", contains: "这句话不会出现" }, within: 1500 },
          { from: "alice", room: "vip", say: "随便聊聊" },
          { notExpect: { room: "vip" }, within: 800 },
        ],
      }),
    );
    const { code, stderr } = await startEntry("src/main/simulate.ts", [file], {}).finished;
    expect(code).toBe(1);
    expect(stderr).toContain('step 2: expected a message in room vip containing "这句话不会出现" within 1500 ms; none came');
    expect(stderr).not.toContain("step 4"); // chatter got no answer, as expected
  });

  it("rejects a malformed scenario with the field at fault", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "siyu-scenario-"));
    const file = path.join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ community: { owner: "boss", rooms: [] }, steps: [{ shout: "x" }] }));
    const { code, stderr } = await startEntry("src/main/simulate.ts", [file], {}).finished;
    expect(code).toBe(1);
    expect(stderr).toContain("is not a valid scenario");
    expect(stderr).toContain("community.rooms");
  });
});
