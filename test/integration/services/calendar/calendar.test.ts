// The calendar against real PostgreSQL and Redis: a recurring item with two workers running publishes
// each slot once; the rhythm check names what next week lacks.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarPublish } from "../../../../jobs/calendar.js";
import { createAppContext, type AppContext } from "../../../../src/infra/app-context.js";
import { startJobs } from "../../../../src/main/stack.js";
import { checkRhythm } from "../../../../src/services/calendar/check-rhythm.js";
import { addCalendarItem, removeCalendarItem } from "../../../../src/services/calendar/manage-calendar.js";
import { createTestEnv, type TestEnv } from "../../../support/test-app.js";

describe("the content calendar", () => {
  let env: TestEnv;
  let one: AppContext;
  let two: AppContext;
  const clockAt = { now: new Date("2026-11-23T02:00:00Z") }; // a Monday, 10:00 in Shanghai
  beforeAll(async () => {
    env = await createTestEnv();
    one = createAppContext(env.config);
    two = createAppContext(env.config, { clock: { now: () => clockAt.now } });
    await one.db.room.createMany({ data: [{ wechatRoomId: "vip@chatroom", topic: "VIP群" }, { wechatRoomId: "bj@chatroom", topic: "北京1群" }] });
  });
  afterAll(async () => {
    await Promise.allSettled([one?.close(), two?.close()]);
    await env?.cleanup();
  });

  it("publishes each slot of a recurring item once, with two workers running", { timeout: 60_000 }, async () => {
    const added = await addCalendarItem(one, { kind: "article", title: "护肤小课堂", body: "第 1 课", when: "*/2 * * * * *", rooms: ["VIP群", "北京1群"], options: [] });
    expect(added.kind).toBe("added");
    const itemId = added.kind === "added" ? added.itemId : 0;
    // Both processes schedule it again, as every worker would: still one scheduler.
    const { scheduleCalendarItem } = await import("../../../../src/services/calendar/manage-calendar.js");
    await scheduleCalendarItem(two, (await two.db.calendarItem.findUniqueOrThrow({ where: { id: itemId } })));
    const workers = [...(await startJobs(one)), ...(await startJobs(two))];
    await sleep(7_000);
    await removeCalendarItem(one, itemId);
    await Promise.all(workers.map((w) => w.close()));

    const rows = await one.db.delivery.findMany({ where: { campaign: `calendar:${itemId}` }, select: { dedupeKey: true, roomId: true, kind: true } });
    const slots = new Map<string, number>();
    for (const row of rows) {
      const slot = row.dedupeKey!.split(":")[2]!;
      slots.set(slot, (slots.get(slot) ?? 0) + 1);
    }
    expect(slots.size).toBeGreaterThanOrEqual(2);
    for (const count of slots.values()) expect(count).toBe(2); // one per room per slot
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["content"]));
    // And the job ran once per slot: BullMQ's scheduler made one job per slot across both workers.
    const completed = await one.jobs.queue(calendarPublish.id).getJobs(["completed"], 0, 1000);
    const ran = completed.filter((j) => j.data.itemId === itemId);
    expect(ran.length).toBe(slots.size);
    expect(ran.every((j) => (j.returnvalue as { published: number }).published === 2)).toBe(true);
  });

  it("tells the owner and operators what next week lacks against the plan", async () => {
    const owner = await two.db.member.create({ data: { wechatId: env.config.ownerWechatId, name: "老板" } });
    const operator = await two.db.member.create({ data: { wechatId: "op1", name: "运营小王" } });
    await two.db.operator.create({ data: { memberId: operator.id, role: "operator" } });
    const base = { body: "", rooms: ["VIP群"], options: [] };
    for (const draft of [
      { ...base, kind: "article" as const, title: "文章A", when: "每周一三 20:00" },
      { ...base, kind: "live" as const, title: "直播", when: "12-02 20:00" },
      { ...base, kind: "interaction" as const, title: "投票", when: "每周五 20:00", options: ["A", "B"] },
    ]) {
      expect((await addCalendarItem(two, draft)).kind).toBe("added");
    }
    const result = await checkRhythm(two);
    expect(result.gaps).toBe("下周缺 1 篇文章、1 次互动");
    const notices = await two.db.delivery.findMany({ where: { kind: "notice", dedupeKey: { startsWith: "rhythm:" } } });
    expect(notices.map((n) => n.memberId).sort()).toEqual([owner.id, operator.id].sort());
    expect(notices[0]!.text).toContain("下周缺 1 篇文章、1 次互动");
    // Run twice (two workers, a retry): told once.
    await checkRhythm(two);
    expect(await two.db.delivery.count({ where: { kind: "notice", dedupeKey: { startsWith: "rhythm:" } } })).toBe(2);
  });

  it("imports a month's plan from CSV, listing the rows it could not take", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "siyu-cal-"));
    const file = path.join(dir, "plan.csv");
    await writeFile(
      file,
      [
        "kind,title,when,rooms,room_tag,link,body,options",
        "文章,秋冬护肤,每周二 20:00,VIP群,,https://example.com/1,第一课,",
        '直播,新品发布,12-20 20:00,"VIP群,北京1群",,,,',
        "投票,选品,每周四 20:00,北京1群,,,,面霜/精华",
        "文章,没有这个群,每天 9:00,火星群,,,,",
      ].join("\n"),
    );
    const run = promisify(execFile);
    const before = await one.db.calendarItem.count();
    const result = await run(process.execPath, ["--import", "tsx", "src/main/import-calendar.ts", file], {
      env: { ...process.env, DATABASE_URL: env.config.databaseUrl, REDIS_PREFIX: env.config.redis.prefix, LOG_LEVEL: "silent" },
    }).catch((error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }));
    expect(result.stdout).toContain("imported 3 of 4 calendar items");
    expect(result.stdout).toContain("row 5: 找不到群：火星群");
    expect(await one.db.calendarItem.count()).toBe(before + 3);
    const live = await one.db.calendarItem.findFirstOrThrow({ where: { title: "新品发布" } });
    expect(live.roomIds).toHaveLength(2);
    expect(await one.jobs.queue("calendar-publish").getJob(`cal-${live.id}-once`)).toBeTruthy();
  });
});
