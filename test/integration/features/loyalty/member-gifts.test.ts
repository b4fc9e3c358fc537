// 会员日 and 生日礼 against the real database: on the member day the level and above get the coupon once
// a month (a private campaign message each), others nothing; a birthday is told once and changed only by
// an operator; the gift arrives on the day once a year, 2-29 on 2-28 outside leap years.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropMemberGifts, setBirthday } from "../../../../src/features/loyalty/index.js";
import { birthdaysOn, parseBirthday } from "../../../../src/features/loyalty/rules/birthday.js";
import type { AppContext } from "../../../../src/kernel/app-context.js";
import { createTestApp } from "../../../support/test-app.js";

describe("member day and birthday gifts", () => {
  let app: AppContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({ MEMBER_DAY: "18", MEMBER_DAY_LEVEL: "银卡", BIRTHDAY_LEVEL: "银卡" }));
  });
  afterAll(async () => cleanup?.());

  const withLevel = async (wechatId: string, level: string) => {
    const m = await app.db.member.create({ data: { wechatId, name: wechatId } });
    await app.db.memberLevel.create({ data: { memberId: m.id, level, spendCents: 0, computedAt: new Date() } });
    return m;
  };

  it("drops the member-day coupon to 银卡 and above, once a month, and only on the day", async () => {
    const silver = await withLevel("silver", "银卡");
    const black = await withLevel("black", "黑金");
    const plain = await withLevel("plain", "普通");
    // 03:15 on the 18th, community time.
    const day = new Date("2026-12-17T19:15:00Z");
    expect(await dropMemberGifts(app, { at: new Date("2026-12-16T19:15:00Z") })).toEqual({ memberDay: 0, birthdays: 0 });
    expect(await dropMemberGifts(app, { at: day })).toEqual({ memberDay: 2, birthdays: 0 });
    expect((await dropMemberGifts(app, { at: new Date(day.getTime() + 3_600_000) })).memberDay).toBe(0);
    const coupons = await app.db.coupon.findMany({ where: { campaign: "member-day" }, include: { template: true } });
    expect(coupons.map((c) => c.memberId).sort()).toEqual([silver.id, black.id].sort());
    expect(coupons.every((c) => c.template.name === "满200减30")).toBe(true);
    const messages = await app.db.delivery.findMany({ where: { campaign: "member-day" } });
    expect(messages.map((m) => m.kind)).toEqual(["campaign", "campaign"]);
    expect(messages.some((m) => m.memberId === plain.id)).toBe(false);
    expect(messages[0]!.text).toContain("今天是会员日");
  });

  it("takes a birthday once, lets an operator change it, and gives the gift on the day once a year", async () => {
    const m = await withLevel("bday", "金卡");
    const at = new Date("2026-01-01T04:00:00Z");
    expect(await setBirthday(app, { memberId: m.id, month: 3, day: 15, byOperator: false, at })).toEqual({
      kind: "set",
      month: 3,
      day: 15,
    });
    expect(await setBirthday(app, { memberId: m.id, month: 4, day: 1, byOperator: false, at })).toEqual({
      kind: "alreadySet",
      month: 3,
      day: 15,
    });
    await setBirthday(app, { memberId: m.id, month: 2, day: 29, byOperator: true, at });
    // 2027 is no leap year: the 2-29 birthday is celebrated on 2-28, once.
    const feb28 = new Date("2027-02-27T19:15:00Z");
    expect((await dropMemberGifts(app, { at: feb28 })).birthdays).toBe(1);
    expect((await dropMemberGifts(app, { at: feb28 })).birthdays).toBe(0);
    const gift = await app.db.delivery.findFirstOrThrow({ where: { campaign: "birthday", memberId: m.id } });
    expect(gift.text).toContain("生日快乐");
    const plain = await withLevel("bday-plain", "普通");
    await setBirthday(app, { memberId: plain.id, month: 2, day: 28, byOperator: false, at });
    expect((await dropMemberGifts(app, { at: feb28 })).birthdays).toBe(0);
  });

  it("reads birthdays and refuses dates no year has", () => {
    expect(parseBirthday("3-15")).toEqual({ month: 3, day: 15 });
    expect(parseBirthday("3月15日")).toEqual({ month: 3, day: 15 });
    expect(parseBirthday("2-29")).toEqual({ month: 2, day: 29 });
    expect(parseBirthday("2-30")).toBeUndefined();
    expect(parseBirthday("13-1")).toBeUndefined();
    expect(parseBirthday("三月")).toBeUndefined();
    expect(birthdaysOn("2028-02-28")).toEqual([{ month: 2, day: 28 }]);
    expect(birthdaysOn("2027-02-28")).toEqual([
      { month: 2, day: 28 },
      { month: 2, day: 29 },
    ]);
  });
});
