// The calendar against real PostgreSQL and Redis: a recurring item with two workers running publishes
// each slot once; the rhythm check names what next week lacks.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarPublish } from "../../../../jobs/calendar-publish.js";
import { checkRhythm, nextWeekRhythm } from "../../../../src/features/calendar/check-rhythm.js";
import { addCalendarItem, removeCalendarItem } from "../../../../src/features/calendar/manage-calendar.js";
import { closePoll, recordPollAnswer } from "../../../../src/features/calendar/polls.js";
import { publishCalendarItem } from "../../../../src/features/calendar/publish-calendar-item.js";
import { type AppContext, createAppContext } from "../../../../src/kernel/app-context.js";
import { startJobs } from "../../../../src/main/stack.js";
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
    await one.db.room.createMany({
      data: [
        { wechatRoomId: "vip@chatroom", topic: "VIP群" },
        { wechatRoomId: "bj@chatroom", topic: "北京1群" },
      ],
    });
  });
  afterAll(async () => {
    await Promise.allSettled([one?.close(), two?.close()]);
    await env?.cleanup();
  });

  it("publishes each slot of a recurring item once, with two workers running", { timeout: 60_000 }, async () => {
    const added = await addCalendarItem(one, {
      kind: "article",
      title: "护肤小课堂",
      body: "第 1 课",
      when: "*/2 * * * * *",
      rooms: ["VIP群", "北京1群"],
      options: [],
    });
    expect(added.kind).toBe("added");
    const itemId = added.kind === "added" ? added.itemId : 0;
    // Both processes schedule it again, as every worker would: still one scheduler.
    const { scheduleCalendarItem } = await import("../../../../src/features/calendar/manage-calendar.js");
    await scheduleCalendarItem(two, await two.db.calendarItem.findUniqueOrThrow({ where: { id: itemId } }));
    const workers = [...(await startJobs(one)), ...(await startJobs(two))];
    // Until two slots (every 2 s) have run to completion; a duplicate of either would have run with it.
    const publishes = one.jobs.queue(calendarPublish.id);
    const finished = async () => (await publishes.getJobs(["completed"], 0, 1000)).filter((j) => j.data.itemId === itemId).length;
    await expect.poll(finished, { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    await removeCalendarItem(one, itemId);
    await Promise.all(workers.map((w) => w.close()));

    const rows = await one.db.delivery.findMany({
      where: { campaign: `calendar:${itemId}` },
      select: { dedupeKey: true, roomId: true, kind: true },
    });
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
    expect(result.gaps).toBe("VIP群：下周缺 1 篇文章、1 次互动");
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

    // The same file again (say, after fixing row 5): nothing is added twice; the rows are reported as duplicates.
    const again = await run(process.execPath, ["--import", "tsx", "src/main/import-calendar.ts", file], {
      env: { ...process.env, DATABASE_URL: env.config.databaseUrl, REDIS_PREFIX: env.config.redis.prefix, LOG_LEVEL: "silent" },
    }).catch((error: { stdout: string; code: number }) => ({ stdout: error.stdout, code: error.code }));
    expect(again.stdout).toContain("imported 0 of 4 calendar items, 3 duplicate");
    expect(again.stdout).toContain(`row 3: duplicate (#${live.id})`);
    expect(await one.db.calendarItem.count()).toBe(before + 3);
  });

  it("checks the rhythm per target room group, naming it; items whose rooms are all gone count for nobody", async () => {
    const sh = await two.db.room.create({ data: { wechatRoomId: "sh@chatroom", topic: "上海群" } });
    const old = await two.db.room.create({ data: { wechatRoomId: "old@chatroom", topic: "旧群", active: false } });
    const vip = await two.db.room.findUniqueOrThrow({ where: { wechatRoomId: "vip@chatroom" } });
    // A room tag that no room carries is refused when the item is added.
    const untagged = await addCalendarItem(two, {
      kind: "article",
      title: "华东文章",
      body: "",
      when: "每周二三四 20:00",
      rooms: [],
      roomTag: "华东",
      options: [],
    });
    expect(untagged).toMatchObject({ kind: "invalid", message: expect.stringContaining("没有群带群标签「华东」") });
    await two.db.roomTag.createMany({
      data: [
        { roomId: vip.id, name: "华东" },
        { roomId: sh.id, name: "华东" },
      ],
    });
    expect(
      (
        await addCalendarItem(two, {
          kind: "article",
          title: "华东文章",
          body: "",
          when: "每周二三四 20:00",
          rooms: [],
          roomTag: "华东",
          options: [],
        })
      ).kind,
    ).toBe("added");
    await two.db.calendarItem.create({ data: { kind: "interaction", title: "旧群互动", cron: "0 20 * * 2", roomIds: [old.id] } });

    const lines = (await nextWeekRhythm(two)).gaps!.split("\n");
    // The room-tag item aims at VIP群 and 上海群: a group of its own, measured against the whole plan
    // (the items aimed at VIP群 alone do not fill it). 旧群's item makes no group and counts nowhere.
    expect(lines).toContain("VIP群、上海群：下周缺 1 次直播、2 次互动");
    expect(lines.every((line) => /^[^：]+：下周缺 /.test(line))).toBe(true);
    expect(lines.join()).not.toContain("旧群");
  });

  it("rebuilds the calendar's schedules from the database when a worker starts", { timeout: 30_000 }, async () => {
    const fresh = await createTestEnv();
    const app = createAppContext(fresh.config);
    try {
      await app.db.room.create({ data: { wechatRoomId: "vip@chatroom", topic: "VIP群" } });
      const added = await addCalendarItem(app, {
        kind: "article",
        title: "每周一课",
        body: "",
        when: "每周一 20:00",
        rooms: ["VIP群"],
        options: [],
      });
      const gone = await addCalendarItem(app, {
        kind: "article",
        title: "已删除",
        body: "",
        when: "每周二 20:00",
        rooms: ["VIP群"],
        options: [],
      });
      if (added.kind !== "added" || gone.kind !== "added") throw new Error("not added");
      const queue = app.jobs.queue(calendarPublish.id);
      // Redis lost one item's scheduler; the other item was deactivated but kept its scheduler.
      await queue.removeJobScheduler(`cal-${added.itemId}`);
      await app.db.calendarItem.update({ where: { id: gone.itemId }, data: { active: false } });
      expect(await queue.getJobScheduler(`cal-${added.itemId}`)).toBeFalsy();

      const workers = await startJobs(app);
      try {
        await expect.poll(async () => (await queue.getJobScheduler(`cal-${added.itemId}`))?.pattern).toBe("0 20 * * 1");
        await expect.poll(async () => Boolean(await queue.getJobScheduler(`cal-${gone.itemId}`))).toBe(false);
      } finally {
        await Promise.all(workers.map((w) => w.close()));
      }
    } finally {
      await app.close();
      await fresh.cleanup();
    }
  });
});

describe("polls open when their post is delivered", () => {
  let env: TestEnv;
  let app: AppContext;
  const clock = { now: new Date("2026-11-23T12:00:00Z") };
  beforeAll(async () => {
    env = await createTestEnv();
    // No outbox sender runs here: the tests play the sender by marking posts sent.
    app = createAppContext(env.config, { clock: { now: () => clock.now } });
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  const markSent = (itemId: number, at: Date) =>
    app.db.delivery.updateMany({
      where: { dedupeKey: { startsWith: `cal:${itemId}:` }, status: "queued" },
      data: { status: "sent", sentAt: at },
    });

  it("takes no votes before the post is sent, measures the window from sending, keeps several polls a room apart", async () => {
    const room = await app.db.room.create({ data: { wechatRoomId: "vip@chatroom", topic: "VIP群" } });
    const voter = await app.db.member.create({ data: { wechatId: "v1", name: "V" } });
    const poll = async (title: string) => {
      const added = await addCalendarItem(app, {
        kind: "interaction",
        title,
        body: "",
        when: "12-30 20:00",
        rooms: ["VIP群"],
        options: ["A", "B", "C"],
      });
      if (added.kind !== "added") throw new Error(JSON.stringify(added));
      return added.itemId;
    };
    const first = await poll("第一个投票");
    const vote = (text: string) => recordPollAnswer(app, { roomId: room.id, memberId: voter.id, text });

    await publishCalendarItem(app, first, "s1");
    const post = await app.db.delivery.findFirstOrThrow({ where: { dedupeKey: `cal:${first}:s1:r:${room.id}` } });
    // The post is only as good as its voting time: deferred past it, it is skipped, not posted stale.
    expect(post.validUntil).toEqual(new Date(clock.now.getTime() + 60 * 60_000));
    expect(await vote("1")).toBe(false); // governed: still in the outbox, nobody has seen it

    // Sent 40 minutes late: open for 60 minutes from then.
    clock.now = new Date(clock.now.getTime() + 40 * 60_000);
    await markSent(first, clock.now);
    expect(await vote("2")).toBe(true);
    // A retried publication registers it again (harmlessly) and queues nothing new.
    expect(await publishCalendarItem(app, first, "s1")).toEqual({ published: 0 });

    // A second poll in the same room: a bare number votes in the most recently posted one.
    const second = await poll("第二个投票");
    await publishCalendarItem(app, second, "s1");
    clock.now = new Date(clock.now.getTime() + 5 * 60_000);
    await markSent(second, clock.now);
    expect(await vote("3")).toBe(true);
    expect(
      await app.db.pollVote.findMany({ where: { memberId: voter.id }, orderBy: { itemId: "asc" }, select: { itemId: true, option: true } }),
    ).toEqual([
      { itemId: first, option: 2 },
      { itemId: second, option: 3 },
    ]);

    // The first poll's close job, due 60 minutes after queueing: its room saw it 40 minutes late, so the
    // close is put off until 60 minutes after sending.
    clock.now = new Date(clock.now.getTime() + 16 * 60_000); // 61 minutes after queueing, 21 after sending
    expect(await closePoll(app, first, "s1")).toEqual({ closed: false });
    const later = await app.jobs.queue("calendar-poll-close").getJob(`cal-${first}-close-s1-2`);
    expect(later!.opts.delay).toBe(39 * 60_000);
    expect(await app.db.delivery.count({ where: { dedupeKey: { startsWith: `cal:${first}:s1:result:` } } })).toBe(0);
    clock.now = new Date(clock.now.getTime() + 45 * 60_000);
    expect(await vote("1")).toBe(false); // both windows over (sent at +40 and +45 minutes, now +106)
    expect(await closePoll(app, first, "s1", 2)).toEqual({ closed: true, votes: 1 });
    expect(await app.db.delivery.count({ where: { dedupeKey: `cal:${first}:s1:result:r:${room.id}` } })).toBe(1);
  });
});
