// The calendar on the mock puppet: operators' commands, posts reaching renamed rooms, polls, live reminders,
// and the loyalty points a vote and a reservation earn (POINTS_PER_POLL_VOTE, POINTS_PER_LIVE_RESERVATION).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VOTER_TAG } from "../../../../src/features/calendar/polls.js";
import { publishCalendarItem, sendLiveReminder } from "../../../../src/features/calendar/publish-calendar-item.js";
import { applyRuleTags } from "../../../../src/features/tags/apply-rule-tags.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const community = {
  owner: "boss",
  rooms: [
    { id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "carol", "dan"] },
    { id: "bj", topic: "北京1群", members: ["boss", "erin"] },
  ],
};

const idOf = (text: string) => Number(/#(\d+)/.exec(text)![1]);

describe("the content calendar in chat", () => {
  let t: TestBot;
  // The clock can be moved forward (a poll's close); BullMQ's delayed jobs are then promoted by hand.
  let offsetMs = 0;
  beforeAll(async () => {
    t = await startTestBot(
      community,
      { COMMANDS_PER_MINUTE: "100", POINTS_PER_POLL_VOTE: "2", POINTS_PER_LIVE_RESERVATION: "2" },
      { clock: { now: () => new Date(Date.now() + offsetMs) } },
    );
  });
  afterAll(async () => t?.stop());

  it("adds items, shows next week per day with what is missing, deletes", async () => {
    t.say("boss", "#日历 新增 文章 护肤小课堂 时间:每周一三五 20:00 群:VIP群 链接:https://example.com/a");
    const added = await t.waitFor({ to: "boss", text: "已加入日历" });
    const itemId = idOf(added.text);
    t.say("boss", "日历 下周");
    const week = await t.waitFor({ to: "boss", text: "内容日历" });
    expect(week.text).toContain("周一");
    expect(week.text).toContain(`20:00 文章#${itemId}《护肤小课堂》`);
    expect(week.text).toContain("下周缺 1 次直播、2 次互动");
    t.say("boss", `日历 删除 ${itemId}`);
    await t.waitFor({ to: "boss", text: `已删除日历 #${itemId}` });
    t.say("boss", "日历 新增 文章 没有群 时间:每天 9:00 群:不存在的群");
    await t.waitFor({ to: "boss", text: "找不到群：不存在的群" });
  });

  it("still posts to a renamed room: items target rooms by id", async () => {
    t.say("boss", "#日历 新增 文章 秒杀预告 时间:*/2 * * * * * 群:北京1群");
    const itemId = idOf((await t.waitFor({ to: "boss", text: "已加入日历" })).text);
    await t.waitFor({ room: "bj", text: "【文章】秒杀预告" }, 8000);
    t.world.rename("bj", "北京旗舰群");
    await expect
      .poll(async () => (await t.app.db.room.findUniqueOrThrow({ where: { wechatRoomId: "bj@chatroom" } })).topic)
      .toBe("北京旗舰群");
    const after = t.sent.length;
    await t.waitFor({ room: "bj", text: "【文章】秒杀预告" }, 8000);
    expect(t.sent.length).toBeGreaterThan(after);
    t.say("boss", `日历 删除 ${itemId}`);
    await t.waitFor({ to: "boss", text: `已删除日历 #${itemId}` });
  });

  it("runs a poll: numbered options, numbers as votes (the last counts), the result at close by its job, voters tagged", async () => {
    t.say("boss", "#日历 新增 投票 下期直播选品 时间:12-30 20:00 群:VIP群 选项:面霜/精华/防晒");
    const itemId = idOf((await t.waitFor({ to: "boss", text: "已加入日历" })).text);
    await publishCalendarItem(t.app, itemId, "s1");
    const poll = await t.waitFor({ room: "vip", text: "【投票" });
    expect(poll.text).toContain("1. 面霜\n2. 精华\n3. 防晒");

    t.say("alice", "1", "vip");
    t.say("bob", "2", "vip");
    t.say("carol", "2", "vip");
    await expect.poll(() => t.app.db.pollVote.count({ where: { itemId } })).toBe(3);
    t.say("carol", "1", "vip"); // changed her mind
    t.say("dan", "7", "vip"); // no such option: chatter
    await expect
      .poll(async () =>
        (await t.app.db.pollVote.findMany({ where: { itemId } }))
          .map((v) => v.option)
          .sort()
          .join(),
      )
      .toBe("1,1,2");
    // Each voter earns the vote's points once: carol's change of mind is not a second vote.
    const votePoints = async () => {
      const entries = await t.app.db.pointEntry.findMany({ where: { source: "poll_vote" } });
      const members = await t.app.db.member.findMany({ where: { id: { in: entries.map((e) => e.memberId) } } });
      return entries.map((e) => `${members.find((m) => m.id === e.memberId)?.wechatId} +${e.points}`).sort();
    };
    await expect.poll(votePoints).toEqual(["alice +2", "bob +2", "carol +2"]);
    t.say("carol", "积分", "vip");
    expect((await t.waitFor({ to: "carol", text: "你的积分" })).text).toContain("投票 +2");

    // The close job was queued for the poll's 60 minutes: an hour later it runs and posts the result.
    const close = await t.app.jobs.queue("calendar-poll-close").getJob(`cal-${itemId}-close-s1`);
    expect(await close!.getState()).toBe("delayed");
    offsetMs = 61 * 60_000;
    await close!.promote();
    const result = await t.waitFor({ room: "vip", text: "【投票结果】" });
    expect(result.text).toContain("共 3 票");
    expect(result.text).toContain("1. 面霜：2 票");
    expect(result.text).toContain("2. 精华：1 票");
    expect(result.text).toContain("3. 防晒：0 票");
    const voters = async () =>
      (await t.app.db.memberTag.findMany({ where: { tag: { name: VOTER_TAG, category: "interaction" } }, include: { member: true } }))
        .map((m) => m.member.wechatId)
        .sort();
    await expect.poll(voters).toEqual(["alice", "bob", "carol"]);
    // The nightly rule-tag run (which removes rule tags its rules do not produce) leaves voters' tags alone.
    await applyRuleTags(t.app, { at: t.app.clock.now(), timeZone: t.app.config.timeZone, activeMessages7d: 5, silentDays: 30 });
    expect(await t.app.db.memberTag.count({ where: { tag: { name: VOTER_TAG, category: "interaction" }, source: "event" } })).toBe(3);
    // After the close a number is chatter again.
    t.say("erin", "1", "bj");
    await t.expectNone({ room: "bj" }, 300);
  });

  it("reminds the rooms of a live stream, and privately those who 预约'd", async () => {
    t.say("boss", "#日历 新增 直播 冬季护肤 时间:12-30 20:00 群:VIP群");
    const itemId = idOf((await t.waitFor({ to: "boss", text: "已加入日历" })).text);
    t.say("alice", `预约 ${itemId}`, "vip");
    await t.waitFor({ room: "vip", text: "已预约直播《冬季护肤》，开播前会私聊提醒你" });
    t.say("alice", `预约 ${itemId}`, "vip"); // twice: the reservation's points come once
    await t.waitFor({ room: "vip", text: "已预约直播《冬季护肤》" });
    const alice = await t.app.db.member.findUniqueOrThrow({ where: { wechatId: "alice" } });
    expect(await t.app.db.pointEntry.findMany({ where: { memberId: alice.id, source: "live_reservation" } })).toEqual([
      expect.objectContaining({ points: 2, ref: String(itemId) }),
    ]);
    // An opted-out member is told the reminder will not come, not promised one.
    t.say("bob", "退订");
    await t.waitFor({ to: "bob", text: "已退订" });
    t.say("bob", `预约 ${itemId}`, "vip");
    await t.waitFor({ room: "vip", text: "你已退订推送，开播提醒不会发出" });
    await sendLiveReminder(t.app, itemId, 60);
    await t.waitFor({ room: "vip", text: "【直播预告】《冬季护肤》还有 1 小时开始" });
    const dm = await t.waitFor({ to: "alice", text: "你预约的直播《冬季护肤》还有 1 小时开始" });
    expect(dm.text).toContain("20:00");
    const row = await t.app.db.delivery.findFirstOrThrow({ where: { dedupeKey: { startsWith: `cal:${itemId}:remind:60:m:` } } });
    expect(row.kind).toBe("reminder");
    // The reminder jobs were queued at start − 60 min and start − 5 min.
    const jobs = t.app.jobs.queue("calendar-live-reminder");
    expect(await jobs.getJob(`cal-${itemId}-remind-60`)).toBeTruthy();
    expect(await jobs.getJob(`cal-${itemId}-remind-5`)).toBeTruthy();
  });
});
