import { describe, expect, it } from "vitest";
import { COUPON_ALPHABET, generateCouponCode, normalizeCouponCode } from "../../../../src/domain/coupons/coupon-code.js";
import { describeTemplate, parseNewTemplateWords, ZNewTemplateArgs } from "../../../../src/domain/coupons/coupon-template.js";
import { formatPrice } from "../../../../src/domain/text/money.js";

describe("coupon codes", () => {
  it("are 10 characters of an alphabet without look-alikes, and do not repeat", () => {
    expect(COUPON_ALPHABET).not.toMatch(/[01OIL]/);
    const codes = new Set(Array.from({ length: 5000 }, () => generateCouponCode()));
    expect(codes.size).toBe(5000);
    for (const code of [...codes].slice(0, 100)) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
  });
  it("normalises what people type", () => {
    expect(normalizeCouponCode(" abcd-efgh 23 ")).toBe("ABCDEFGH23");
  });
});

describe("coupon templates", () => {
  it("parses #券 新建 words", () => {
    const args = ZNewTemplateArgs.parse(parseNewTemplateWords(["满300减50", "满减", "面额50", "门槛300元", "有效15天", "总量1000", "每人1"]));
    expect(args).toEqual({ name: "满300减50", kind: "threshold", 面额: 5000, 门槛: 30000, 有效: 15, 总量: 1000, 每人: 1 });
  });
  it("explains a bad kind in Chinese", () => {
    const parsed = ZNewTemplateArgs.safeParse(parseNewTemplateWords(["x", "打折", "面额5"]));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toContain("满减|立减|新人");
  });
  it("refuses amounts above ¥100,000 and a 满减 whose threshold does not exceed its value", () => {
    const problem = (words: string[]) => {
      const parsed = ZNewTemplateArgs.safeParse(parseNewTemplateWords(words));
      return parsed.success ? undefined : parsed.error.issues[0]!.message;
    };
    expect(problem(["大券", "立减", "面额100001"])).toContain("最多 ¥100,000");
    expect(problem(["大券", "满减", "面额50", "门槛100000.01"])).toContain("最多 ¥100,000");
    expect(problem(["满30减30", "满减", "面额30", "门槛30"])).toContain("门槛要大于面额");
    expect(problem(["满减无门槛", "满减", "面额30"])).toContain("门槛要大于面额");
    expect(problem(["立减100000", "立减", "面额100000"])).toBeUndefined();
    expect(problem(["满31减30", "满减", "面额30", "门槛31"])).toBeUndefined();
  });
  it("describes a template", () => {
    expect(formatPrice(1990)).toBe("¥19.9");
    expect(describeTemplate({ name: "满200减30", kind: "threshold", valueCents: 3000, minSpendCents: 20000, validDays: 30, totalQuota: null, perMemberLimit: null })).toBe(
      "满200减30（满减）：满¥200减¥30，30天有效，不限量",
    );
  });
});
