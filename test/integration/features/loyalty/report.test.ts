// 积分 报告 against the real database: issued, reversed, spent and expired add up to what is outstanding,
// valued at the catalogue's coupon value per point; members per level; ladder rungs; survey answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addExchangeItem, readLoyaltyReport } from "../../../../src/features/loyalty/index.js";
import { loyaltyTexts } from "../../../../src/features/loyalty/texts.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

describe("the loyalty report", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(async () => cleanup?.());

  it("adds the ledger up by kind and values the outstanding points", async () => {
    const m = await app.db.member.create({ data: { wechatId: "r1", name: "r1" } });
    const at = new Date();
    const expiresAt = new Date(at.getTime() + 100 * 86_400_000);
    await app.db.pointEntry.createMany({
      data: [
        { memberId: m.id, points: 1000, source: "order", ref: "1", at, expiresAt },
        { memberId: m.id, points: 50, source: "checkin", ref: "d", at, expiresAt },
        { memberId: m.id, points: -200, source: "order_reversal", ref: "1", at },
        { memberId: m.id, points: -300, source: "redeem", ref: "9", at },
        { memberId: m.id, points: -50, source: "expiry", ref: "x", at },
      ],
    });
    await app.db.memberLevel.create({ data: { memberId: m.id, level: "银卡", spendCents: 100_000, computedAt: at } });
    // 满200减30 (¥30) for 300 points: 10 fen a point.
    await addExchangeItem(app, { name: "满200减30", points: 300 });
    const report = await readLoyaltyReport(app);
    expect(report).toMatchObject({ earned: 1050, reversed: 200, spent: 300, expired: 50, outstanding: 500, outstandingCents: 5000 });
    expect(report.levels).toEqual([
      { level: "普通", members: 0 },
      { level: "银卡", members: 1 },
      { level: "金卡", members: 0 },
      { level: "黑金", members: 0 },
    ]);
    expect(report.survey.map((s) => s.answer)).toEqual(["价格", "质量", "不需要了", "其他"]);
    const text = loyaltyTexts.report(report);
    expect(text).toContain("未用 500（约 ¥50）");
    expect(text).not.toContain("undefined");
  });
});
