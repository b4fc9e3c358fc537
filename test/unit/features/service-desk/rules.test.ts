// The service desk's pure rules: colours from keywords, marks and deadlines, the status precedence,
// ticket numbers and ratings as typed, percentiles.
import { describe, expect, it } from "vitest";
import { colourFor, parseColour, raise } from "../../../../src/features/service-desk/rules/colour.js";
import { markAt, responseDue, slaStatus } from "../../../../src/features/service-desk/rules/deadlines.js";
import { computeTicketStats, percentile } from "../../../../src/features/service-desk/rules/ticket-stats.js";
import { parseRating, parseTicketNumber } from "../../../../src/features/service-desk/rules/ticket-words.js";

const rules = { redWords: ["投诉", "坏了", "漏水", "退款", "过敏"], yellowWords: ["怎么用", "安装", "发货"] };

describe("the service desk's rules", () => {
  it.each([
    ["我的牙刷坏了", false, "red"],
    ["我要投诉", false, "red"],
    ["这个怎么用", false, "yellow"],
    ["什么时候发货", false, "yellow"],
    ["你好", false, "green"],
    ["", false, "green"],
    ["你好", true, "yellow"],
    ["怎么安装", true, "red"],
    ["漏水了", true, "red"],
  ] as const)("「%s」 (高价值 %s) is %s", (text, highValue, colour) => {
    expect(colourFor(text, rules, highValue)).toBe(colour);
  });

  it("raises one step and reads colour words", () => {
    expect([raise("green"), raise("yellow"), raise("red")]).toEqual(["yellow", "red", "red"]);
    expect([parseColour("红"), parseColour("黄色"), parseColour("Green"), parseColour("紫")]).toEqual([
      "red",
      "yellow",
      "green",
      undefined,
    ]);
  });

  it("puts the marks at 50 %, 80 % and 100 % of the window, later by the paused time", () => {
    const window = { startAt: new Date(0), pausedMs: 0, windowMs: 3_600_000 };
    expect([markAt(window, "warn50"), markAt(window, "warn80"), responseDue(window)].map((d) => d.getTime())).toEqual([
      1_800_000, 2_880_000, 3_600_000,
    ]);
    expect(responseDue({ ...window, pausedMs: 600_000 }).getTime()).toBe(4_200_000);
  });

  it("orders the status breached > paused > due > met", () => {
    const at = new Date();
    expect(slaStatus({ breachedAt: at, pausedAt: at, respondedAt: null })).toBe("breached");
    expect(slaStatus({ breachedAt: null, pausedAt: at, respondedAt: null })).toBe("paused");
    expect(slaStatus({ breachedAt: null, pausedAt: null, respondedAt: null })).toBe("due");
    expect(slaStatus({ breachedAt: null, pausedAt: null, respondedAt: at })).toBe("met");
  });

  it.each([
    ["T12", 12],
    ["t12", 12],
    ["#T12", 12],
    ["T12。", 12],
    ["12", 12],
    ["Ｔ１２", 12],
    ["T", undefined],
    ["T0", undefined],
    ["T12a", undefined],
    ["T12345678901", undefined],
  ] as const)("reads the ticket number %s as %s", (word, id) => {
    expect(parseTicketNumber(word)).toBe(id);
  });

  it.each([
    ["5", { kind: "rating", score: 5 }],
    ["5分", { kind: "rating", score: 5 }],
    ["４ 回复很快", { kind: "rating", score: 4, comment: "回复很快" }],
    ["1，太慢了", { kind: "rating", score: 1, comment: "太慢了" }],
    ["0", { kind: "invalid" }],
    ["6", { kind: "invalid" }],
    ["10", { kind: "invalid" }],
    ["十分", { kind: "invalid" }],
    ["", { kind: "invalid" }],
  ] as const)("reads the rating 「%s」", (text, reading) => {
    expect(parseRating(text)).toEqual(reading);
  });

  it("takes nearest-rank percentiles and reports nothing for no tickets", () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(20);
    expect(percentile([40, 10, 30, 20], 90)).toBe(40);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
    expect(computeTicketStats([])).toMatchObject({ opened: 0, breachRate: undefined, csat: undefined, responseRate: undefined });
  });
});
