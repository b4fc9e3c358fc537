// A worker SIGKILLed in the middle of a push's fan-out, then a worker started again: every targeted
// member ends with exactly one delivery (none missing, none twice).
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPush } from "../../../../src/features/pushes/create-push.js";
import { type AppContext, createAppContext } from "../../../../src/kernel/app-context.js";
import { startJobs } from "../../../../src/main/stack.js";
import { TEST_SPEED_ENV } from "../../../../src/sim/test-speed.js";
import { createTestEnv, type TestEnv } from "../../../support/test-app.js";

const MEMBERS = 20_000;
const env = { PUSH_BATCH_SIZE: "100", PUSH_CONFIRM_ABOVE: "1000000" };

describe("push fan-out survives a killed worker", () => {
  let testEnv: TestEnv;
  let app: AppContext;
  beforeAll(async () => {
    testEnv = await createTestEnv(env);
    app = createAppContext(testEnv.config);
    await app.db
      .$executeRaw`insert into members (wechat_id, name) select 'bulk' || g, '成员' || g from generate_series(1, ${MEMBERS}::int) g`;
    const tag = await app.db.tag.create({ data: { name: "bulk" } });
    await app.db.$executeRaw`insert into member_tags (member_id, tag_id, source) select id, ${tag.id}::int, 'manual' from members`;
  });
  afterAll(async () => {
    await app?.close();
    await testEnv?.cleanup();
  });

  it("SIGKILL mid-fan-out, restart: each of 20,000 members has exactly one delivery", { timeout: 120_000 }, async () => {
    const created = await createPush(app, { text: "标签:bulk 周末见 {昵称}", createdById: 1 });
    expect(created.kind).toBe("created");
    const pushId = created.kind === "created" ? created.pushId : 0;

    const child = spawn(process.execPath, ["--import", "tsx", "src/main/worker.ts"], {
      env: {
        ...process.env,
        ...TEST_SPEED_ENV,
        ...env,
        LOG_LEVEL: "warn",
        DATABASE_URL: testEnv.config.databaseUrl,
        REDIS_PREFIX: testEnv.config.redis.prefix,
      },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let atKill = 0;
    for (let waited = 0; waited < 60_000; waited += 50) {
      atKill = await app.db.delivery.count({ where: { campaign: `push:${pushId}` } });
      if (atKill >= 1000) break;
      await sleep(50);
    }
    child.kill("SIGKILL");
    await exited;
    atKill = await app.db.delivery.count({ where: { campaign: `push:${pushId}` } });
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(MEMBERS); // killed in the middle

    const workers = await startJobs(app);
    try {
      await expect
        .poll(async () => (await app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status, { timeout: 90_000, interval: 500 })
        .toBe("done");
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
    const [row] = await app.db.$queryRaw<Array<{ rows: number; members: number; missing: number }>>`
      select (select count(*) from deliveries where campaign = ${`push:${pushId}`})::int as rows,
             (select count(distinct member_id) from deliveries where campaign = ${`push:${pushId}`})::int as members,
             (select count(*) from members m where not exists (select 1 from deliveries d where d.member_id = m.id and d.campaign = ${`push:${pushId}`}))::int as missing`;
    expect(row).toEqual({ rows: MEMBERS, members: MEMBERS, missing: 0 });
  });
});
