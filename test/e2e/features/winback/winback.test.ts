// Win-back end to end on the mock puppet: an operator recomputes layers, previews and starts a run;
// the at-risk member gets one private message with a code; a second run the same day sends nothing;
// an opted-out member gets nothing. Also: coupon drops claimed in chat and the welcome gift.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { winbackDaily } from "../../../../jobs/winback-daily.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const DAY = 86_400_000;
const community = {
  owner: "boss",
  rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "carol", "dan"] }],
};

describe("win-back and coupons in chat", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { WINBACK_HOLDOUT_PERCENT: "0", WINBACK_CRON: "off", COMMANDS_PER_MINUTE: "100" });
  });
  afterAll(async () => t?.stop());

  it("sends an at-risk member one message with a code; again the same day nothing; an opted-out member nothing", async () => {
    const { db } = t.app;
    const now = t.app.clock.now();
    const long = new Date(now.getTime() - 400 * DAY);
    await db.member.updateMany({ where: { wechatId: { in: ["alice", "bob", "carol"] } }, data: { firstSeenAt: long } });
    const id = async (wechatId: string) => (await db.member.findUniqueOrThrow({ where: { wechatId } })).id;
    const paid = async (who: string, daysAgo: number, orderNo: string) =>
      db.order.create({
        data: {
          orderNo,
          source: "shop",
          memberId: await id(who),
          amountCents: 12000,
          status: "paid",
          placedAt: new Date(now.getTime() - daysAgo * DAY),
        },
      });
    await paid("alice", 90, "o-alice"); // at risk
    await paid("bob", 90, "o-bob"); // at risk, but opts out
    await paid("carol", 200, "o-carol"); // lost
    await paid("dan", 3, "o-dan"); // new/potential: not a target

    t.say("bob", "退订");
    await t.waitFor({ to: "bob", text: "已退订" });

    t.say("boss", "#分层 重算");
    // Queued for a worker; the operator hears when it is done.
    await t.waitFor({ to: "boss", text: "正在重算" });
    await t.waitFor({ to: "boss", text: "已重算" });
    t.say("boss", "#分层");
    const layers = await t.waitFor({ to: "boss", text: "流失风险" });
    expect(layers.text).toContain("流失风险：2");
    // Everyone entered a layer this week: that is this week's change, not "无".
    expect(layers.text).toMatch(/本周变化 \/ this week：\n· 新进入分层：\d+/);

    t.say("boss", "召回 预览");
    const preview = await t.waitFor({ to: "boss", text: "召回预览" });
    expect(preview.text).toContain("共 2 人"); // alice (at risk) and carol (lost); bob opted out
    expect(preview.text).toContain("不选 / left out：已退订 1 人");

    t.say("boss", "召回 开始");
    await t.waitFor({ to: "boss", text: "已开始" });
    const toAlice = await t.waitFor({ to: "alice", text: "好久不见" }, 10_000);
    const code = /[A-Z2-9]{11}/.exec(toAlice.text)![0];
    const coupon = await db.coupon.findUniqueOrThrow({ where: { code }, include: { template: true } });
    expect(coupon.template.name).toBe("满200减30");
    expect(coupon.memberId).toBe(await id("alice"));
    const toCarol = await t.waitFor({ to: "carol", text: "好久不见" }, 10_000);
    expect(
      (await db.coupon.findUniqueOrThrow({ where: { code: /[A-Z2-9]{11}/.exec(toCarol.text)![0] }, include: { template: true } })).template
        .name,
    ).toBe("立减100");

    // Again the same day: the scheduled run and an operator's run select nobody.
    await winbackDaily.handle({}, t.app, { id: "test", attemptsMade: 0 });
    t.say("boss", "召回 开始");
    expect((await t.waitFor({ to: "boss", text: "没有需要召回的成员" })).text).toContain("已退订 1 人");
    // The empty run is finished with its report stored, like any other.
    const empty = await db.winbackRun.findFirstOrThrow({ where: { runKey: { startsWith: "manual:" } }, orderBy: { id: "desc" } });
    expect(empty.status).toBe("done");
    expect(empty.report).toMatchObject({ targeted: 0, skipped: { opt_out: 1, cooldown: 2 } });
    await t.expectNone({ to: "alice" }, 800, { jobs: ["winback-run"] });
    await t.expectNone({ to: "bob", text: "好久不见" }, 800, { jobs: ["winback-run"] });
    expect(await db.coupon.count({ where: { memberId: await id("alice"), campaign: { startsWith: "winback:" } } })).toBe(1);
    expect(await db.delivery.count({ where: { memberId: await id("bob"), campaign: { startsWith: "winback:" } } })).toBe(0);

    // The shop reports alice's order with the code: the report counts the redemption and revenue.
    const order = await db.order.create({
      data: {
        orderNo: "o-back",
        source: "shop",
        memberId: await id("alice"),
        amountCents: 25000,
        status: "paid",
        placedAt: t.app.clock.now(),
      },
    });
    await db.coupon.update({ where: { code }, data: { redeemedAt: t.app.clock.now(), redeemedOrderId: order.id } });
    const firstRun = await db.winbackRun.findFirstOrThrow({ where: { runKey: { startsWith: "manual:" } }, orderBy: { id: "asc" } });
    t.say("boss", `召回 报告 ${firstRun.id}`);
    const report = await t.waitFor({ to: "boss", text: "复购率" });
    expect(report.text).toContain("目标 2 人");
    // Its kind and start in words and community time, not the raw run key.
    expect(report.text).toContain(
      `召回 #${firstRun.id}（手动召回，${DateTime.fromJSDate(firstRun.startedAt, { zone: t.app.config.timeZone }).toFormat("MM-dd HH:mm")} 开始，`,
    );
    expect(report.text).not.toContain("manual:");
    expect(report.text).toContain("跳过 已退订 1");
    expect(report.text).toContain("券核销 1/2");
    expect(report.text).toContain("¥250");
    t.say("boss", "召回 报告 999999");
    await t.waitFor({ to: "boss", text: "没有召回 #999999。/ No such run." });
  }, 60_000);

  it("drops coupons in a room: first come first served, code privately, then 已领完; 我的券 lists them", async () => {
    t.say("boss", "#发券 满200减30 1", "vip");
    await t.waitFor({ room: "vip", text: "已放出" });
    t.say("dan", "领券", "vip");
    const code = await t.waitFor({ to: "dan", text: "领券成功" });
    t.say("carol", "领券", "vip");
    await t.waitFor({ room: "vip", text: "已领完" });
    t.say("dan", "我的券");
    const mine = await t.waitFor({ to: "dan", text: "你的券" });
    expect(mine.text).toContain(/[A-Z2-9]{11}/.exec(code.text)![0]);
  });

  it("gives a first-ever joiner the new-member coupon privately, once", async () => {
    t.world.join("erin", "vip", "alice");
    const gift = await t.waitFor({ to: "erin", text: "首单立减50" });
    expect(gift.text).toMatch(/[A-Z2-9]{11}/);
    t.world.leave("erin", "vip");
    t.world.join("erin", "vip");
    await t.waitFor({ room: "vip", text: "欢迎" });
    await t.expectNone({ to: "erin", text: "首单立减50" }, 800);
    expect(await t.app.db.coupon.count({ where: { campaign: "welcome" } })).toBe(1);
  });

  it("answers 召回 预览 and 召回 开始 with the misconfigured WINBACK_COUPONS, and starts nothing", async () => {
    const runs = await t.app.db.winbackRun.count();
    await t.app.db.couponTemplate.update({ where: { name: "立减100" }, data: { name: "立减100旧" } });
    try {
      t.say("boss", "召回 预览");
      const preview = await t.waitFor({ to: "boss", text: "WINBACK_COUPONS" });
      // The missing name in the Chinese half too, with the ones that exist.
      expect(preview.text).toContain("召回券配置有误：没有券模板「立减100」（现有：「满200减30」、「立减100旧」、「首单立减50」）");
      t.say("boss", "召回 开始");
      await t.waitFor({ to: "boss", text: "召回券配置有误" });
      expect(await t.app.db.winbackRun.count()).toBe(runs);
    } finally {
      await t.app.db.couponTemplate.update({ where: { name: "立减100旧" }, data: { name: "立减100" } });
    }
  });

  it("lets operators make templates, redeem codes and tag members from the chat", async () => {
    t.say("boss", "#券 新建 满300减50 满减 面额50 门槛300 有效15 总量100", "vip");
    await t.waitFor({ room: "vip", text: "已新建：满300减50（满减）：满¥300减¥50，15天有效，限100张" });
    t.say("boss", "#券 新建 满300减50 打折", "vip");
    await t.waitFor({ room: "vip", text: "满减|立减|新人" });
    // A typo of extra digits is refused with the bound, never reaching the database's int columns.
    t.say("boss", "#券 新建 大 立减 面额30 总量99999999999", "vip");
    await t.waitFor({ room: "vip", text: "总量要在 1–10,000,000 之间" });
    t.say("boss", "#券 新建 大 立减 面额30 每人99999999999", "vip");
    await t.waitFor({ room: "vip", text: "每人限领要在 1–100 之间" });
    expect(await t.app.db.couponTemplate.count({ where: { name: "大" } })).toBe(0);
    t.say("boss", "#券 列表", "vip");
    const list = await t.waitFor({ room: "vip", text: "券模板" });
    expect(list.text).toContain("首单立减50");

    const gift = await t.app.db.coupon.findFirstOrThrow({ where: { campaign: "welcome" } });
    t.say("boss", `#核销 ${gift.code}`);
    await t.waitFor({ to: "boss", text: "已核销" });
    t.say("boss", `#核销 ${gift.code}`);
    await t.waitFor({ to: "boss", text: "已经用过" });

    t.say("boss", "#标签 @dan +VIP +老客", "vip");
    await t.waitFor({ room: "vip", text: "加上 VIP、老客" });
    t.say("boss", "#标签 @dan -老客", "vip");
    await t.waitFor({ room: "vip", text: "去掉 老客" });
    t.say("boss", "#标签 查看 @dan", "vip");
    const shown = await t.waitFor({ room: "vip", text: "dan 的标签" });
    expect(shown.text).toContain("[自定义] VIP（手动）");
    expect(shown.text).toMatch(/\[分层\] \S+（RFM）/);
    t.say("boss", "#标签 成员 VIP", "vip");
    await t.waitFor({ room: "vip", text: "「VIP」共 1 人" });
    // Layers are computed: a manual tag of a layer's name is refused, and nothing is added.
    t.say("boss", "#标签 @dan +高价值 +老客", "vip");
    expect((await t.waitFor({ room: "vip", text: "是分层名" })).text).toContain("分层:高价值");
    expect(await t.app.db.memberTag.count({ where: { source: "manual", tag: { name: { in: ["高价值", "老客"] } } } })).toBe(0);
    t.say("alice", "#标签 @dan +VIP", "vip");
    await t.waitFor({ room: "vip", text: "没有权限" });
  });
});
