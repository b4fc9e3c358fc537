// The 7-day usage tip (issue 13 item 8a) with operator templates per product category: a member whose
// first paid order was in a category with a 贴士 gets that text (with the opt-out line), others the default.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listUsageTips, runLayerJourneys, setUsageTip } from "../../../../src/features/loyalty/index.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

const DAY = 86_400_000;

describe("usage tips per category", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  const now = new Date("2026-12-02T04:00:00Z");
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({}, { now: () => now }));
  });
  afterAll(async () => cleanup?.());

  const buyer = async (wechatId: string, category: string | null) => {
    const member = await app.db.member.create({ data: { wechatId, name: wechatId } });
    const paidAt = new Date(now.getTime() - 7 * DAY);
    await app.db.order.create({
      data: {
        orderNo: `o-${wechatId}`,
        source: "shop",
        memberId: member.id,
        amountCents: 10_000,
        status: "paid",
        categories: category ? [category] : [],
        placedAt: paidAt,
        paidAt,
      },
    });
    return member;
  };
  const tipFor = (memberId: number) => app.db.delivery.findMany({ where: { memberId, campaign: "journey-tip" }, select: { text: true } });

  it("sends the category's template, the default text for a category without one, once", async () => {
    expect(await setUsageTip(app, { category: "护肤", text: "先用爽肤水，再抹精华。", at: now })).toEqual({ kind: "set", replaced: false });
    expect(await setUsageTip(app, { category: "护肤", text: "洁面后先用爽肤水，再抹精华，早晚各一次。", at: now })).toEqual({
      kind: "set",
      replaced: true,
    });
    await setUsageTip(app, { category: "家电", text: "第一次用前请读说明书。回复「退订」不再接收。", at: now });
    expect((await listUsageTips(app)).map((t) => t.category)).toEqual(["家电", "护肤"].sort());

    const skin = await buyer("skin", "护肤");
    const home = await buyer("home", "家电");
    const food = await buyer("food", "零食");
    const none = await buyer("none", null);

    expect(await runLayerJourneys(app, { at: now })).toEqual({ tips: 4, surveys: 0 });
    expect(await tipFor(skin.id)).toEqual([{ text: "洁面后先用爽肤水，再抹精华，早晚各一次。\n回复「退订」不再接收。" }]);
    expect(await tipFor(home.id)).toEqual([{ text: "第一次用前请读说明书。回复「退订」不再接收。" }]); // has its own opt-out line
    const [foodTip] = await tipFor(food.id);
    expect(foodTip!.text).toContain("「零食」用得还顺手吗");
    expect((await tipFor(none.id))[0]!.text).toContain("收到宝贝一周啦用得还顺手吗");

    // A rerun the same night sends nothing more.
    expect(await runLayerJourneys(app, { at: now })).toEqual({ tips: 0, surveys: 0 });
  });
});
