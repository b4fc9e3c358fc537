// Layer journeys end to end through the outbox on the mock puppet: the 7-day usage tip after a first paid
// order, the at-risk survey and its answer (调研 2: a tag and a green service ticket), and an opted-out
// member who gets neither.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLoyaltyNightly } from "../../../../src/features/loyalty/index.js";
import { startTestBot, type TestBot } from "../../../support/test-bot.js";

const DAY = 86_400_000;
const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice", "bob", "carol", "dan"] }] };

describe("layer journeys", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(community, { QUIET_HOURS: "off", COMMANDS_PER_MINUTE: "100" });
  });
  afterAll(async () => t?.stop());

  it("sends the 7-day tip and the at-risk survey privately, honours 退订, and turns answer 2 into a tag and a green ticket", async () => {
    const { db } = t.app;
    t.say("bob", "退订");
    await t.waitFor({ to: "bob", text: "已退订" });
    t.say("dan", "退订");
    await t.waitFor({ to: "dan", text: "已退订" });
    const id = async (w: string) => (await db.member.findUniqueOrThrow({ where: { wechatId: w } })).id;
    const now = new Date();
    for (const who of ["alice", "bob"]) {
      await db.order.create({
        data: {
          orderNo: `j-${who}`,
          source: "shop",
          memberId: await id(who),
          amountCents: 9_900,
          status: "paid",
          categories: ["护肤"],
          placedAt: new Date(now.getTime() - 7 * DAY),
          paidAt: new Date(now.getTime() - 7 * DAY),
        },
      });
    }
    for (const who of ["carol", "dan"]) {
      await db.layerChange.create({ data: { memberId: await id(who), fromLayer: "potential", toLayer: "at_risk", changedAt: now } });
    }
    const result = await runLoyaltyNightly(t.app, { at: now });
    expect(result.journeys).toEqual({ tips: 2, surveys: 2 });

    const tip = await t.waitFor({ to: "alice", text: "收到宝贝一周啦" });
    expect(tip.text).toContain("「护肤」");
    const survey = await t.waitFor({ to: "carol", text: "为什么最近没来" });
    expect(survey.text).toContain("调研 2");
    await t.expectNone({ to: "bob", text: "收到宝贝一周啦" });
    await t.expectNone({ to: "dan", text: "为什么最近没来" });

    t.say("carol", "调研 2");
    const thanks = await t.waitFor({ to: "carol", text: "谢谢你的反馈" });
    expect(thanks.text).toMatch(/工单 T\d+/);
    const tags = await db.memberTag.findMany({ where: { memberId: await id("carol") }, include: { tag: true } });
    expect(tags.map((x) => x.tag.name)).toContain("调研:质量");
    const ticket = await db.ticket.findFirstOrThrow({ where: { memberId: await id("carol") } });
    expect(ticket.colour).toBe("green");

    t.say("alice", "调研 1");
    await t.waitFor({ to: "alice", text: "现在没有需要你回答的调研" });
  });
});
