import { describe, expect, it } from "vitest";
import {
  COUPON_ALPHABET,
  COUPON_CODE_FORMAT,
  COUPON_CODE_LENGTH,
  generateCouponCode,
  normalizeCouponCode,
} from "../../../../src/features/coupons/rules/coupon-code.js";
import { describeTemplate, parseNewTemplateWords, ZNewTemplateArgs } from "../../../../src/features/coupons/rules/coupon-template.js";
import { formatPrice } from "../../../../src/kernel/text/money.js";

describe("coupon codes", () => {
  it("carry at least 50 bits (we promise it): log2(alphabet) × length, from what the generator declares", () => {
    // Characters drawn uniformly and independently (crypto.randomInt rejects, so no modulo bias).
    const bits = Math.log2(new Set(COUPON_ALPHABET).size) * COUPON_CODE_LENGTH;
    expect(new Set(COUPON_ALPHABET).size).toBe(COUPON_ALPHABET.length);
    expect(bits).toBeGreaterThanOrEqual(50);
  });
  it("are characters of an alphabet without look-alikes, in the declared format, and do not repeat", () => {
    expect(COUPON_ALPHABET).not.toMatch(/[01OIL]/);
    const codes = new Set(Array.from({ length: 5000 }, () => generateCouponCode()));
    expect(codes.size).toBe(5000);
    for (const code of codes) {
      expect(code).toMatch(COUPON_CODE_FORMAT);
      expect(code).toHaveLength(COUPON_CODE_LENGTH);
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]+$/);
    }
    // Every character of the alphabet turns up, and none is favoured: 5000 × 11 draws over 31 characters.
    const counts = new Map<string, number>();
    for (const code of codes) for (const c of code) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(COUPON_ALPHABET.length);
    const expected = (codes.size * COUPON_CODE_LENGTH) / COUPON_ALPHABET.length;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });
  it("normalises what people type", () => {
    expect(normalizeCouponCode(" abcd-efgh 23 ")).toBe("ABCDEFGH23");
  });
});

describe("coupon templates", () => {
  it("parses #券 新建 words", () => {
    const args = ZNewTemplateArgs.parse(
      parseNewTemplateWords(["满300减50", "满减", "面额50", "门槛300元", "有效15天", "总量1000", "每人1"]),
    );
    expect(args).toEqual({ name: "满300减50", kind: "threshold", 面额: 5000, 门槛: 30000, 有效: 15, 总量: 1000, 每人: 1 });
  });
  it("reads amounts the way sale prices are read: ¥, ￥, 元, full-width digits", () => {
    for (const value of ["面额¥20", "面额￥20", "面额20元", "面额２０", "面额:20.00"]) {
      expect(ZNewTemplateArgs.parse(parseNewTemplateWords(["立减20", "立减", value])).面额).toBe(2000);
    }
    expect(ZNewTemplateArgs.safeParse(parseNewTemplateWords(["x", "立减", "面额二十"])).error!.issues[0]!.message).toContain(
      "面额要写金额",
    );
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
  it("bounds 总量 and 每人, so a typo of extra digits is refused instead of overflowing the database", () => {
    const problem = (words: string[]) => {
      const parsed = ZNewTemplateArgs.safeParse(parseNewTemplateWords(words));
      return parsed.success ? undefined : parsed.error.issues[0]!.message;
    };
    expect(problem(["大", "立减", "面额30", "总量99999999999"])).toBe("总量要在 1–10,000,000 之间 / 1–10000000");
    expect(problem(["大", "立减", "面额30", "每人99999999999"])).toBe("每人限领要在 1–100 之间 / 1–100");
    expect(problem(["大", "立减", "面额30", "总量0"])).toContain("总量要在 1–10,000,000 之间");
    expect(problem(["大", "立减", "面额30", "有效366"])).toContain("有效天数要在 1–365 之间");
    expect(problem(["大", "立减", "面额30", "总量10000000", "每人100"])).toBeUndefined();
  });
  it("describes a template", () => {
    expect(formatPrice(1990)).toBe("¥19.90");
    expect(
      describeTemplate({
        name: "满200减30",
        kind: "threshold",
        valueCents: 3000,
        minSpendCents: 20000,
        validDays: 30,
        totalQuota: null,
        perMemberLimit: null,
      }),
    ).toBe("满200减30（满减）：满¥200减¥30，30天有效，不限量");
  });
});
