// Pushes end to end on the mock puppet: audience, opt-outs and caps, the report, no second send,
// confirmation of large audiences, quiet hours, pause/cancel, group posts to renamed rooms.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fanOutPush } from "../../../../src/features/pushes/fan-out-push.js";
import { outboxJobId } from "../../../../src/kernel/outbox/outbox-queue.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const people = Array.from({ length: 30 }, (_, i) => `m${String(i + 1).padStart(2, "0")}`);
const community = {
  owner: "boss",
  rooms: [
    { id: "vip", topic: "VIP群", members: ["boss", ...people] },
    { id: "bj", topic: "北京1群", members: ["boss", "m01"] },
  ],
};

/** Tags all 30 people 母婴; opts out 3; gives 2 a push already sent today. */
async function seedAudience(t: TestBot) {
  const db = t.app.db;
  const tag = await db.tag.create({ data: { category: "custom", name: "母婴" } });
  const members = await db.member.findMany({ where: { wechatId: { in: people } }, orderBy: { wechatId: "asc" } });
  expect(members).toHaveLength(30);
  await db.memberTag.createMany({ data: members.map((m) => ({ memberId: m.id, tagId: tag.id, source: "manual" as const })) });
  await db.member.updateMany({ where: { wechatId: { in: ["m01", "m02", "m03"] } }, data: { optedOutAt: t.app.clock.now() } });
  const capped = members.filter((m) => ["m04", "m05"].includes(m.wechatId));
  await db.delivery.createMany({
    data: capped.map((m) => ({
      account: t.app.config.account,
      kind: "push",
      memberId: m.id,
      text: "早上的推送",
      status: "sent" as const,
      sentAt: t.app.clock.now(),
      campaign: "earlier",
    })),
  });
  return members;
}

async function counts(t: TestBot, pushId: number) {
  const rows = await t.app.db.delivery.groupBy({ by: ["status", "reason"], where: { campaign: `push:${pushId}` }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [`${r.status}${r.reason ? `:${r.reason}` : ""}`, r._count._all]));
}

describe("pushes to a segment", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { COMMANDS_PER_MINUTE: "100" });
    await seedAudience(t);
  });
  afterAll(async () => t?.stop());

  it("sends to 25 of 30: 3 skipped as opted out, 2 as at their cap; rotates variants; the report says so", async () => {
    t.say("boss", "#推送 标签:母婴 |{昵称}，新品到了 |{昵称}你好，上新啦");
    const preview = await t.waitFor({ to: "boss", text: "推送 #" });
    expect(preview.text).toContain("人群 30 人，已退订 3，已达频次上限 2 → 预计送达 25 人");
    expect(preview.text).toContain("2 个版本");
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);

    await expect.poll(() => counts(t, pushId), { timeout: 15_000 }).toEqual({ sent: 25, "skipped:opt_out": 3, "skipped:member_cap": 2 });
    const m10 = t.sent.filter((m) => m.to === "m10");
    const m11 = t.sent.filter((m) => m.to === "m11");
    expect(m10).toHaveLength(1);
    // Neighbours get different variants, each with their own name.
    expect([m10[0]!.text.replace("m10", "X"), m11[0]!.text.replace("m11", "X")].sort()).toEqual(["X，新品到了", "X你好，上新啦"].sort());
    expect(t.sent.filter((m) => m.to === "m01")).toHaveLength(0);

    t.say("boss", `#推送 状态 ${pushId}`);
    const report = await t.waitFor({ to: "boss", text: "已发送" });
    expect(report.text).toContain("目标 30/30，已发送 25，排队 0，跳过 5（");
    expect(report.text).toContain("已退订 3");
    expect(report.text).toContain("达到个人频次上限 2");
    expect(report.text).toContain("失败 0");
    // And its maker gets the report by themselves once the push has settled.
    const auto = await t.waitFor({ to: "boss", text: "推送报告" }, 10_000);
    expect(auto.text).toContain(`推送 #${pushId}（已全部入队，已完成）`);
    expect(auto.text).toContain("targeted 30, sent 25, queued 0, skipped 5 (");

    // Finished: nothing left to pause or cancel, and it stays done; its status is said in Chinese.
    t.say("boss", `#推送 暂停 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已全部发完，不能暂停` });
    t.say("boss", `#推送 取消 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已全部发完，不能取消` });
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("done");
    t.say("boss", `#确认 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 不需要确认（已全部入队）` });
    t.say("boss", "#推送 状态 999999");
    await t.waitFor({ to: "boss", text: "没有推送 #999999。/ No such push." });
  });

  it("never sends the same push twice: its fan-out run again adds nothing", async () => {
    const push = await t.app.db.push.findFirstOrThrow({ orderBy: { id: "asc" } });
    await t.app.db.push.update({ where: { id: push.id }, data: { status: "sending", cursor: 0, fannedOutAt: null } });
    const before = await t.app.db.delivery.count();
    expect(await fanOutPush(t.app, push.id)).toEqual({ kind: "done", queued: 30 });
    expect(await t.app.db.delivery.count()).toBe(before);
    await t.expectNone({ to: "m10" }, 500);
  });

  it("the same push again the same day is refused: everyone is at their cap or opted out, and it says so", async () => {
    const pushes = await t.app.db.push.count();
    t.say("boss", "#推送 标签:母婴 又是新品");
    const refused = await t.waitFor({ to: "boss", text: "没有人能收到" });
    expect(refused.text).toContain("人群「标签:母婴」30 人中已退订 3，已达推送频次上限 27，没有人能收到，没有创建推送");
    expect(await t.app.db.push.count()).toBe(pushes);
    // Only opted-out members: the reason is that.
    t.say("boss", "#推送 标签:母婴 且 已退订 又是新品");
    await t.waitFor({ to: "boss", text: "3 人都已退订，没有人能收到" });
    expect(await t.app.db.push.count()).toBe(pushes);
  });

  it("explains a misspelt tag with a suggestion and creates nothing", async () => {
    const pushes = await t.app.db.push.count();
    t.say("boss", "#推送 标签:母嬰 你好");
    const reply = await t.waitFor({ to: "boss", text: "未知标签" });
    expect(reply.text).toContain("母婴");
    expect(reply.text).toContain("第 1 个字");
    expect(await t.app.db.push.count()).toBe(pushes);
  });

  it("previews and saves segments, and pushes to a saved one by name", async () => {
    t.say("boss", "#segment preview tag:母婴 and not tag:潜水");
    // 潜水 is no tag (yet): explained with its position, not an empty segment
    const unknown = await t.waitFor({ to: "boss", text: "未知标签「潜水」" });
    expect(unknown.text).toContain("第 16 个字");
    t.say("boss", "人群 预览 标签:母婴 且 joined<30d");
    // The bot's own account is in VIP群 too: never part of an audience.
    t.say("boss", "人群 预览 群:VIP群");
    await t.waitFor({ to: "boss", text: "人群「群:VIP群」：28 人（另有 3 人已退订，不计入）" });
    const ok = await t.waitFor({ to: "boss", text: "27 人" });
    t.say("boss", "人群 预览 群:北京1群");
    const one = await t.waitFor({ to: "boss", text: "人群「群:北京1群」：1 人" });
    expect(one.text).toContain("/ 1 member");
    expect(one.text).not.toContain("members");
    expect(ok.text).toContain("另有 3 人已退订");
    expect(ok.text).toContain("例如：m04、m05");
    t.say("boss", "人群 保存 宝妈 标签:母婴 且 joined<30d");
    await t.waitFor({ to: "boss", text: "已保存人群「宝妈」（当前 27 人）" });
    t.say("boss", "人群 列表");
    await t.waitFor({ to: "boss", text: "宝妈：标签:母婴 且 joined<30d" });
    t.say("boss", "推送 宝妈 @ 后天09:00 宝妈专享");
    await t.waitFor({ to: "boss", text: "人群 30 人，已退订 3" });
  });

  it("posts to rooms by room id: a renamed room still gets it, as content, not against members' caps", async () => {
    t.say("boss", "#推送 群:VIP群,北京1群 今晚8点直播");
    const preview = await t.waitFor({ to: "boss", text: "群 2 个" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    await t.waitFor({ room: "vip", text: "今晚8点直播" });
    await t.waitFor({ room: "bj", text: "今晚8点直播" });
    const rows = await t.app.db.delivery.findMany({ where: { campaign: `push:${pushId}` } });
    expect(rows.map((r) => r.kind)).toEqual(["content", "content"]);

    const bj = await t.app.db.room.findUniqueOrThrow({ where: { wechatRoomId: "bj@chatroom" } });
    t.say("boss", "#群标签 北京1群 +北京 +华北");
    await t.waitFor({ to: "boss", text: "「北京1群」的群标签：北京、华北" });
    t.world.rename("bj", "北京旗舰群");
    await expect.poll(async () => (await t.app.db.room.findUniqueOrThrow({ where: { id: bj.id } })).topic).toBe("北京旗舰群");
    t.say("boss", "#推送 群标签:北京 明天见");
    await t.waitFor({ room: "bj", text: "明天见" });

    // A group post is one text for everyone: per-member placeholders are refused, saying why.
    const pushes = await t.app.db.push.count();
    t.say("boss", "#推送 群:VIP群 {昵称}，今晚见");
    await t.waitFor({ to: "boss", text: "群推送不能用 {昵称}" });
    expect(await t.app.db.push.count()).toBe(pushes);
  });

  it("binds a member push's rooms when it is made: renamed before its fan-out, it still reaches them", async () => {
    t.say("boss", "#推送 群:北京旗舰群 且 全部 @ 后天10:00 北京会员日");
    const preview = await t.waitFor({ to: "boss", text: "北京会员日" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    t.world.rename("bj", "北京二店");
    await expect
      .poll(async () => (await t.app.db.room.findUniqueOrThrow({ where: { wechatRoomId: "bj@chatroom" } })).topic)
      .toBe("北京二店");
    expect(await fanOutPush(t.app, pushId)).toEqual({ kind: "done", queued: 2 }); // boss and m01
    const m01 = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "m01" } });
    expect(await t.app.db.delivery.count({ where: { campaign: `push:${pushId}`, memberId: m01.id } })).toBe(1);
  });

  it("tells the maker privately when a fan-out cannot run, never cancelling silently", async () => {
    t.say("boss", "人群 保存 临时人群 标签:母婴");
    await t.waitFor({ to: "boss", text: "已保存人群「临时人群」" });
    t.say("boss", "#推送 临时人群 @ 后天11:00 临时活动");
    const preview = await t.waitFor({ to: "boss", text: "临时活动" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    await t.app.db.segment.delete({ where: { name: "临时人群" } });
    expect(await fanOutPush(t.app, pushId)).toMatchObject({ kind: "invalidSegment" });
    const told = await t.waitFor({ to: "boss", text: `推送 #${pushId} 没有发出，已取消` });
    expect(told.text).toContain("未知人群（或条件）「临时人群」");
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("cancelled");
  });

  it("cancel stops a scheduled push before anything is queued", async () => {
    t.say("boss", "#推送 标签:母婴 @ 后天10:00 周末活动");
    const preview = await t.waitFor({ to: "boss", text: "周末活动" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    t.say("boss", `#推送 取消 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已取消` });
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("cancelled");
    expect(await t.app.db.delivery.count({ where: { campaign: `push:${pushId}` } })).toBe(0);
  });
});

describe("large audiences wait for 确认", () => {
  let t: TestBot;
  let offsetMs = 0;
  beforeAll(async () => {
    t = await startTestBot(community, { PUSH_CONFIRM_ABOVE: "20" }, { clock: { now: () => new Date(Date.now() + offsetMs) } });
    await seedAudience(t);
  });
  afterAll(async () => t?.stop());

  it("expires after 10 minutes unconfirmed: nothing is sent", async () => {
    t.say("boss", "#推送 标签:母婴 大促");
    const preview = await t.waitFor({ to: "boss", text: "确认" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    expect(preview.text).toContain(`确认 ${pushId}`);
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("awaiting_confirm");
    offsetMs = 11 * 60_000;
    t.say("boss", `#确认 ${pushId}`);
    await t.waitFor({ to: "boss", text: "已过期" });
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("expired");
    expect(await t.app.db.delivery.count({ where: { campaign: `push:${pushId}` } })).toBe(0);
  });

  it("expires by its job after 10 minutes unconfirmed: the maker is told, nothing is sent", async () => {
    t.say("boss", "#推送 标签:母婴 限时大促");
    const preview = await t.waitFor({ to: "boss", text: "限时大促" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    const expiry = await t.app.jobs.queue("push-expire").getJob(`push-${pushId}-expire`);
    expect(await expiry!.getState()).toBe("delayed");
    offsetMs += 11 * 60_000;
    await expiry!.promote();
    const told = await t.waitFor({ to: "boss", text: `推送 #${pushId} 未在时限内确认，已作废` });
    expect(told.text).toContain("什么也没有发出");
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("expired");
    // A confirmation arriving now is answered 已过期, and still nothing is sent.
    t.say("boss", `#确认 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已过期` });
    expect(await t.app.db.delivery.count({ where: { campaign: `push:${pushId}` } })).toBe(0);
    await t.expectNone({ text: "限时大促" }, 500, { jobs: ["push-fan-out"] });
  });

  it("says when a scheduled push will go, in its preview and once confirmed; nothing goes before then", async () => {
    t.say("boss", "#推送 标签:母婴 @ 明天10:00 明天的大促");
    const preview = await t.waitFor({ to: "boss", text: "明天的大促" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    const at = DateTime.fromJSDate(t.app.clock.now(), { zone: t.app.config.timeZone })
      .plus({ days: 1 })
      .set({ hour: 10, minute: 0 })
      .toFormat("MM-dd HH:mm");
    expect(preview.text).toContain(`${at} 发送。人数超过 20，请在`);
    t.say("boss", `确认 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已确认，将于 ${at} 发送` });
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).toBe("scheduled");
    expect(await t.app.db.delivery.count({ where: { campaign: `push:${pushId}` } })).toBe(0);
    t.say("boss", `#推送 取消 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已取消` });
    // Cancelled: it cannot be resumed, said in Chinese.
    t.say("boss", `#推送 继续 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已取消，不能继续` });
  });

  it("is sent once confirmed within the window", async () => {
    t.say("boss", "#推送 标签:母婴 大促第二波");
    const preview = await t.waitFor({ to: "boss", text: "大促第二波" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    offsetMs += 9 * 60_000;
    t.say("boss", `确认 ${pushId}`);
    await t.waitFor({ to: "boss", text: "已确认" });
    await t.waitFor({ to: "m20", text: "大促第二波" });
  });

  it("asks for 确认 by how many it would reach (after opt-outs and caps), not by the raw segment", async () => {
    // Once 大促第二波 has settled, the 27 reachable members all had a push today (it, or the seeded one):
    // 30 matched, 3 opted out, 27 at their cap.
    await expect
      .poll(() => t.app.db.delivery.count({ where: { kind: "push", text: { contains: "大促第二波" }, status: "queued" } }), {
        timeout: 10_000,
      })
      .toBe(0);
    // The 3 who had opted out opt in again: they are the only ones it can reach.
    await t.app.db.member.updateMany({ where: { wechatId: { in: ["m01", "m02", "m03"] } }, data: { optedOutAt: null } });
    t.say("boss", "#推送 标签:母婴 第三波");
    const preview = await t.waitFor({ to: "boss", text: "第三波" });
    expect(preview.text).toContain("人群 30 人，已退订 0，已达频次上限 27 → 预计送达 3 人");
    expect(preview.text).not.toContain("请在");
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    expect((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).status).not.toBe("awaiting_confirm");
  });
});

describe("quiet hours", () => {
  let t: TestBot;
  const zone = "Asia/Shanghai";
  // Tomorrow 23:00 in the community's zone, moving with real time.
  const fake = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 23, minute: 0, second: 0, millisecond: 0 });
  const start = Date.now();
  // Moves the clock on (to the morning); BullMQ's timers run on real time, so due jobs are promoted by hand.
  let jumpMs = 0;
  beforeAll(async () => {
    t = await startTestBot(
      community,
      { QUIET_HOURS: "22:00-08:00" },
      { clock: { now: () => new Date(fake.toMillis() + (Date.now() - start) + jumpMs) } },
    );
    await seedAudience(t);
  });
  afterAll(async () => t?.stop());

  it("defers a push made at 23:00 to 08:00 and delivers it after 08:00; its maker gets the report after pause and resume", {
    timeout: 60_000,
  }, async () => {
    t.say("boss", "#推送 标签:母婴 晚安好物");
    const preview = await t.waitFor({ to: "boss", text: "晚安好物" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    expect(preview.text).toContain("免打扰时段，08:00 后发出");
    const m20 = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "m20" } });
    const morning = fake.plus({ days: 1 }).set({ hour: 8 }).toJSDate();
    await expect
      .poll(
        async () => {
          const row = await t.app.db.delivery.findFirst({ where: { campaign: `push:${pushId}`, memberId: m20.id } });
          return row && { deferralKind: row.deferralKind, deferredUntil: row.deferredUntil };
        },
        { timeout: 15_000 },
      )
      .toEqual({ deferralKind: "quiet_hours", deferredUntil: morning });
    const row = await t.app.db.delivery.findFirstOrThrow({ where: { campaign: `push:${pushId}`, memberId: m20.id } });
    expect(row.status).toBe("queued");
    const job = await t.app.outboxQueue.getJob(outboxJobId(row.id));
    expect(await job!.getState()).toBe("delayed");
    expect(Math.abs(job!.timestamp + job!.delay - morning.getTime())).toBeLessThan(2000);
    await t.expectNone({ to: "m20" }, 500);

    // Pause holds the waiting deliveries; resume queues them again (deferred again: still night).
    t.say("boss", `#推送 暂停 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已暂停，27 条暂不发送` });
    expect(await t.app.db.delivery.count({ where: { campaign: `push:${pushId}`, status: "skipped", reason: "paused" } })).toBe(27);
    // The report checks (every second here) find it paused: that chain of checks ends, none is left.
    const reportChecks = t.app.jobs.queue("push-report");
    await expect
      .poll(
        async () =>
          (await reportChecks.getJobs(["waiting", "prioritized", "active", "delayed"])).filter((job) => job.data.pushId === pushId).length,
        { timeout: 5_000 },
      )
      .toBe(0);
    t.say("boss", `#推送 继续 ${pushId}`);
    await t.waitFor({ to: "boss", text: `推送 #${pushId} 已继续，27 条重新排队` });
    await expect
      .poll(() => t.app.db.delivery.count({ where: { campaign: `push:${pushId}`, status: "queued", deferralKind: "quiet_hours" } }), {
        timeout: 10_000,
      })
      .toBe(27);

    // 08:00 comes: the deferred jobs fall due and are sent, after 08:00 (a new day: m04 and m05's caps are reset).
    jumpMs = morning.getTime() + 5_000 - t.app.clock.now().getTime();
    for (const row of await t.app.db.delivery.findMany({ where: { campaign: `push:${pushId}`, status: "queued" } })) {
      const waiting = await t.app.outboxQueue.getJob(outboxJobId(row.id));
      if ((await waiting?.getState()) === "delayed") await waiting!.promote();
    }
    await t.waitFor({ to: "m20", text: "晚安好物" }, 15_000);
    const sentAt = async () =>
      (
        await t.app.db.delivery.findFirstOrThrow({ where: { campaign: `push:${pushId}`, memberId: m20.id, status: "sent" } })
      ).sentAt!.getTime();
    await expect.poll(() => sentAt().catch(() => 0)).toBeGreaterThanOrEqual(morning.getTime());
    // The pause did not cost the maker the final report.
    const report = await t.waitFor({ to: "boss", text: "推送报告" }, 20_000);
    expect(report.text).toContain("已发送 27");
  });
});

describe("quiet hours past a push's validity (PUSH_VALID_HOURS)", () => {
  let t: TestBot;
  const zone = "Asia/Shanghai";
  const fake = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 23, minute: 0, second: 0, millisecond: 0 });
  const start = Date.now();
  beforeAll(async () => {
    t = await startTestBot(
      community,
      { QUIET_HOURS: "22:00-08:00", PUSH_VALID_HOURS: "1" },
      { clock: { now: () => new Date(fake.toMillis() + (Date.now() - start)) } },
    );
    await seedAudience(t);
  });
  afterAll(async () => t?.stop());

  it("skips a 23:00 push worth only an hour as quiet_hours_expired, and reports it so", async () => {
    t.say("boss", "#推送 标签:母婴 今晚限时");
    const preview = await t.waitFor({ to: "boss", text: "今晚限时" });
    const pushId = Number(/推送 #(\d+)/.exec(preview.text)![1]);
    await expect.poll(() => counts(t, pushId), { timeout: 15_000 }).toEqual({ "skipped:opt_out": 3, "skipped:quiet_hours_expired": 27 });
    const row = await t.app.db.delivery.findFirstOrThrow({
      where: { campaign: `push:${pushId}`, status: "skipped", reason: "quiet_hours_expired" },
    });
    expect(row.validUntil).toEqual(
      new Date((await t.app.db.push.findUniqueOrThrow({ where: { id: pushId } })).scheduledAt.getTime() + 3_600_000),
    );
    const report = await t.waitFor({ to: "boss", text: "推送报告" }, 10_000);
    expect(report.text).toContain("免打扰时段过后已失效 27");
    expect(report.text).toContain("quiet_hours_expired 27");
    await t.expectNone({ to: "m20" }, 300);
  });
});

describe("the account's daily push allowance (OUTBOX_DAILY_CAPS push=…)", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { OUTBOX_DAILY_CAPS: "push=10", PUSH_VALID_HOURS: "1" });
    await seedAudience(t);
  });
  afterAll(async () => t?.stop());

  it("warns in the preview when more members are expected than the allowance can reach before the push expires", async () => {
    t.say("boss", "#推送 标签:母婴 {昵称}，新品到了");
    const preview = await t.waitFor({ to: "boss", text: "推送 #" });
    expect(preview.text).toContain("预计送达 25 人");
    // 10 a day, 1 h of validity: 15 (or, an hour before the community's midnight, 5) would expire unsent.
    expect(preview.text).toMatch(
      /⚠️ 账号每天最多发 10 条推送（当天还剩 10），有效期 1 小时内约能发出 (10|20) 条，其余约 (15|5) 条会过期不发/,
    );
  });
});
