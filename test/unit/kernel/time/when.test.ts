import { describe, expect, it } from "vitest";
import { formatPrice, formatYuan, parseMoney, parseYuan } from "../../../../src/kernel/text/money.js";
import { parseClock, parseDuration, parseWhen } from "../../../../src/kernel/time/when.js";

const zone = "Asia/Shanghai";
// 2026-11-23 10:30 in Shanghai.
const now = new Date("2026-11-23T02:30:00Z");
const at = { now, zone };
const iso = (text: string) => {
  const r = parseWhen(text, at);
  if (!r.ok) throw new Error(r.problem);
  return r.value.toISOString();
};

describe("parseWhen", () => {
  it("reads a time today, tomorrow, a date, a full date and now, in the community's zone", () => {
    expect(iso("20:00")).toBe("2026-11-23T12:00:00.000Z");
    expect(iso("明天20:00")).toBe("2026-11-24T12:00:00.000Z");
    expect(iso("明天 8:05")).toBe("2026-11-24T00:05:00.000Z");
    expect(iso("12-01 20:00")).toBe("2026-12-01T12:00:00.000Z");
    expect(iso("2026-12-01 20:00")).toBe("2026-12-01T12:00:00.000Z");
    expect(iso("20：00")).toBe("2026-11-23T12:00:00.000Z");
    for (const word of ["现在", "立即", "now"]) expect(iso(word)).toBe(now.toISOString());
    expect(iso("10分钟后")).toBe("2026-11-23T02:40:00.000Z");
    expect(iso("30秒后")).toBe("2026-11-23T02:30:30.000Z");
  });

  it("reads the forms operators type: evening words, 点, Chinese and slashed dates, two-word English", () => {
    const cases: Array<[string, string]> = [
      ["今晚20:00", "2026-11-23T12:00:00.000Z"],
      ["今晚8点", "2026-11-23T12:00:00.000Z"],
      ["晚上8点", "2026-11-23T12:00:00.000Z"],
      ["明晚8点", "2026-11-24T12:00:00.000Z"],
      ["明天20点", "2026-11-24T12:00:00.000Z"],
      ["明天晚上8点", "2026-11-24T12:00:00.000Z"],
      ["明天 晚上8点半", "2026-11-24T12:30:00.000Z"],
      ["下午3点", "2026-11-23T07:00:00.000Z"],
      ["下午3点15分", "2026-11-23T07:15:00.000Z"],
      ["中午12点", "2026-11-23T04:00:00.000Z"],
      ["明天早上9点", "2026-11-24T01:00:00.000Z"],
      ["12月1日 20:00", "2026-12-01T12:00:00.000Z"],
      ["12月1号晚上8点", "2026-12-01T12:00:00.000Z"],
      ["12/01 20:00", "2026-12-01T12:00:00.000Z"],
      ["tomorrow 20:00", "2026-11-24T12:00:00.000Z"],
      ["明天２０：００", "2026-11-24T12:00:00.000Z"],
      ["半小时后", "2026-11-23T03:00:00.000Z"],
    ];
    for (const [text, expected] of cases) expect([text, iso(text)]).toEqual([text, expected]);
    expect(parseWhen("晚上12点", at).ok).toBe(false);
    expect(parseClock("晚上8点半")).toEqual({ hour: 20, minute: 30 });
    expect(parseClock("明天8点")).toBeUndefined();
  });

  it("says how to write tomorrow when a bare clock time has passed today", () => {
    // 00:12 in Shanghai.
    const r = parseWhen("00:05", { now: new Date("2026-11-22T16:12:00Z"), zone });
    expect(!r.ok && r.problem).toContain("今天 00:05 已经过去了，要明天请写「明天00:05」");
    const morning = parseWhen("早上9点", at);
    expect(!morning.ok && morning.problem).toContain("要明天请写「明天09:00」");
  });

  it("refuses a time that has passed, saying so", () => {
    const r = parseWhen("09:00", at);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toContain("已经过去");
    expect(parseWhen("2025-12-01 20:00", at).ok).toBe(false);
  });

  it("reads a date without a year past New Year as next year's, still refusing one just past", () => {
    // 2026-12-28 10:30 in Shanghai.
    const december = { now: new Date("2026-12-28T02:30:00Z"), zone };
    const r = parseWhen("01-02 20:00", december);
    expect(r.ok && r.value.toISOString()).toBe("2027-01-02T12:00:00.000Z");
    expect(parseWhen("12-31 20:00", december).ok && "this year").toBe("this year");
    const past = parseWhen("12-27 20:00", december);
    expect(!past.ok && past.problem).toContain("已经过去");
  });

  it("refuses what is not a time", () => {
    expect(parseWhen("25:00", at).ok).toBe(false);
    expect(parseWhen("晚上", at).ok).toBe(false);
    expect(parseWhen("02-30 20:00", at).ok).toBe(false);
  });
});

describe("parseDuration", () => {
  it("reads minutes, hours, seconds and combinations", () => {
    expect(parseDuration("30m")).toBe(30 * 60_000);
    expect(parseDuration("30分钟")).toBe(30 * 60_000);
    expect(parseDuration("2h")).toBe(2 * 3_600_000);
    expect(parseDuration("2小时")).toBe(2 * 3_600_000);
    expect(parseDuration("1小时30分钟")).toBe(90 * 60_000);
    expect(parseDuration("1.5h")).toBe(90 * 60_000);
    expect(parseDuration("20秒")).toBe(20_000);
    expect(parseDuration("abc")).toBeUndefined();
    expect(parseDuration("30")).toBeUndefined();
    expect(parseDuration("5kg")).toBeUndefined();
  });

  it("reads half hours and full-width digits, and 0 as zero for the caller to refuse", () => {
    expect(parseDuration("半小时")).toBe(30 * 60_000);
    expect(parseDuration("1个半小时")).toBe(90 * 60_000);
    expect(parseDuration("90分钟")).toBe(90 * 60_000);
    expect(parseDuration("３０分钟")).toBe(30 * 60_000);
    expect(parseDuration("0分钟")).toBe(0);
  });
});

describe("money", () => {
  it("parses yuan into cents and shows cents as yuan", () => {
    expect(parseYuan("99")).toBe(9900);
    expect(parseYuan("99.9")).toBe(9990);
    expect(parseYuan("¥99.99")).toBe(9999);
    expect(parseYuan("abc")).toBeUndefined();
    expect(parseYuan("9.999")).toBeUndefined();
    expect(formatYuan(9900)).toBe("99");
    expect(formatYuan(9990)).toBe("99.90");
    expect(formatYuan(9905)).toBe("99.05");
  });

  it("reads ¥, ￥, 元, thousands separators and full-width digits alike", () => {
    for (const text of ["20", "¥20", "￥20", "20元", "¥20.00", "２０"]) expect([text, parseYuan(text)]).toEqual([text, 2000]);
    expect(parseYuan("1,999")).toBe(199900);
    expect(parseYuan("1,99")).toBeUndefined();
  });

  it("names the allowed range for an amount out of it", () => {
    const r = parseMoney("价格", "99999999", { max: 100_000_000 });
    expect(!r.ok && r.problem).toBe("价格要在 ¥0.01–¥1,000,000 之间（你写的是 ¥99,999,999）/ out of range");
    expect(parseMoney("价格", "abc", { max: 100 })).toMatchObject({ ok: false, problem: expect.stringContaining("不是金额") });
  });

  it("shows one format: thousands separated, whole yuan bare, else two decimals", () => {
    expect(formatPrice(1234550)).toBe("¥12,345.50");
    expect(formatPrice(199999900)).toBe("¥1,999,999");
    expect(formatPrice(9999999)).toBe("¥99,999.99");
    expect(formatPrice(123450)).toBe("¥1,234.50");
    expect(formatPrice(9900)).toBe("¥99");
  });
});
