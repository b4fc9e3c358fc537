import { describe, expect, it } from "vitest";
import { parseDuration, parseWhen, parseYuan } from "../../../../src/domain/sales/when.js";
import { formatYuan } from "../../../../src/domain/text/money.js";

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
});

describe("money", () => {
  it("parses yuan into cents and shows cents as yuan", () => {
    expect(parseYuan("99")).toBe(9900);
    expect(parseYuan("99.9")).toBe(9990);
    expect(parseYuan("¥99.99")).toBe(9999);
    expect(parseYuan("abc")).toBeUndefined();
    expect(parseYuan("9.999")).toBeUndefined();
    expect(formatYuan(9900)).toBe("99");
    expect(formatYuan(9990)).toBe("99.9");
    expect(formatYuan(9905)).toBe("99.05");
  });
});
