import { describe, expect, it } from "vitest";
import { parseExperimentRef } from "../../../../src/features/experiments/rules/experiment-ref.js";
import { parsePushOptions, usesRecommendation } from "../../../../src/features/pushes/rules/push-options.js";
import { parseBundleOption, renderPushText, usesBundle, usesMemberPlaceholder } from "../../../../src/features/pushes/rules/push-text.js";
import { parseBundle } from "../../../../src/features/recommendations/rules/bundle-command.js";
import { bundlePriceFor, checkLevelPrices } from "../../../../src/features/recommendations/rules/bundle-prices.js";
import { formatPrice, parseYuan } from "../../../../src/kernel/text/money.js";

describe("bundle, push-option and experiment words", () => {
  it("reads 套餐 新增's words", () => {
    expect(parseBundle("家庭套装 电动牙刷+延保 价 399")).toEqual({
      kind: "ok",
      name: "家庭套装",
      items: ["电动牙刷", "延保"],
      priceCents: 39_900,
      levelPrices: [],
    });
    expect(parseBundle("套装 2 年延保 ＋ 电动牙刷 价:¥399.5")).toEqual({
      kind: "ok",
      name: "套装",
      items: ["2 年延保", "电动牙刷"],
      priceCents: 39_950,
      levelPrices: [],
    });
    expect(parseBundle("家庭套装 电动牙刷 价 399").kind).toBe("invalid");
    expect(parseBundle("家庭套装 电动牙刷+延保").kind).toBe("invalid");
    expect(parseBundle("家庭套装 电动牙刷+延保 价 abc").kind).toBe("invalid");
    expect(parseBundle("家庭套装 电动牙刷+延保 价 399 多余").kind).toBe("invalid");
  });

  it("reads member prices by level after the bundle price, and checks them against the levels", () => {
    expect(parseBundle("家庭套装 电动牙刷+延保 价 399 黑金 329 金卡:¥359")).toMatchObject({
      kind: "ok",
      priceCents: 39_900,
      levelPrices: [
        { level: "黑金", priceCents: 32_900 },
        { level: "金卡", priceCents: 35_900 },
      ],
    });
    expect(parseBundle("家庭套装 电动牙刷+延保 价 399 金卡").kind).toBe("invalid");
    expect(parseBundle("家庭套装 电动牙刷+延保 价 399 金卡 abc").kind).toBe("invalid");
    const levels = ["普通", "银卡", "金卡", "黑金"];
    const tiers = [
      { level: "黑金", priceCents: 32_900 },
      { level: "金卡", priceCents: 35_900 },
    ];
    // Sorted lowest level first.
    expect(checkLevelPrices(tiers, 39_900, levels)).toEqual({ ok: true, levelPrices: [tiers[1], tiers[0]] });
    expect(checkLevelPrices([{ level: "钻石", priceCents: 1 }], 39_900, levels)).toEqual({
      ok: false,
      problem: { kind: "unknownLevel", level: "钻石", levels },
    });
    expect(checkLevelPrices([tiers[1]!, tiers[1]!], 39_900, levels)).toMatchObject({ ok: false, problem: { kind: "repeated" } });
    expect(checkLevelPrices([{ level: "金卡", priceCents: 39_900 }], 39_900, levels)).toMatchObject({
      ok: false,
      problem: { kind: "notBelowBase", level: "金卡" },
    });
    expect(
      checkLevelPrices(
        [
          { level: "金卡", priceCents: 30_000 },
          { level: "黑金", priceCents: 35_000 },
        ],
        39_900,
        levels,
      ),
    ).toMatchObject({ ok: false, problem: { kind: "higherThanLowerLevel", level: "黑金", lower: "金卡" } });
  });

  it("prices a bundle for a member: the tier of the highest level at or below theirs, else the bundle price", () => {
    const levels = ["普通", "银卡", "金卡", "黑金"];
    const bundle = { priceCents: 39_900, levelPrices: [{ level: "金卡", priceCents: 35_900 }] };
    expect(bundlePriceFor(bundle, undefined, levels)).toBe(39_900);
    expect(bundlePriceFor(bundle, "银卡", levels)).toBe(39_900);
    expect(bundlePriceFor(bundle, "金卡", levels)).toBe(35_900);
    expect(bundlePriceFor(bundle, "黑金", levels)).toBe(35_900);
    // A level since removed from LOYALTY_LEVELS gives nobody its price.
    expect(bundlePriceFor({ priceCents: 39_900, levelPrices: [{ level: "钻石", priceCents: 100 }] }, "黑金", levels)).toBe(39_900);
  });

  it("lets a higher level pay the same as a lower one, never more; tiers may be typed in any order", () => {
    const levels = ["普通", "银卡", "金卡", "黑金"];
    const parsed = parseBundle("家庭套装 电动牙刷+延保 价 399 黑金:359 银卡 379 金卡 359");
    if (parsed.kind !== "ok") throw new Error(parsed.kind);
    expect(checkLevelPrices(parsed.levelPrices, parsed.priceCents, levels)).toEqual({
      ok: true,
      levelPrices: [
        { level: "银卡", priceCents: 37_900 },
        { level: "金卡", priceCents: 35_900 },
        { level: "黑金", priceCents: 35_900 },
      ],
    });
    // Below the bundle price, strictly; a price typed before 价 is not a tier (the words are items then).
    expect(checkLevelPrices([{ level: "金卡", priceCents: 40_000 }], 39_900, levels)).toMatchObject({ problem: { kind: "notBelowBase" } });
    expect(parseBundle("家庭套装 金卡 359 电动牙刷+延保 价 399")).toMatchObject({ levelPrices: [], items: ["金卡 359 电动牙刷", "延保"] });
    expect(parseBundle("家庭套装 电动牙刷+延保 价 399 金卡 0").kind).toBe("invalid");
    expect(parseBundle("家庭套装 电动牙刷+延保 价 399 359 金卡").kind).toBe("invalid");
  });

  it("reads 套餐: before a push's content, and renders {套餐} (or {bundle}) as the member's offer", () => {
    expect(parseBundleOption("套餐:家庭套装 {昵称} 试试 {套餐}")).toEqual({ bundle: "家庭套装", rest: "{昵称} 试试 {套餐}" });
    expect(parseBundleOption("套餐：家庭套装")).toEqual({ bundle: "家庭套装", rest: "" });
    expect(parseBundleOption("套餐里有好东西 {套餐}")).toEqual({ rest: "套餐里有好东西 {套餐}" });
    expect(usesBundle("试试 {bundle}")).toBe(true);
    expect(usesBundle("套餐到了")).toBe(false);
    expect(usesMemberPlaceholder("{套餐}")).toBe(true);
    const offer = { 套餐: "家庭套装（电动牙刷 + 2 年延保）¥359" };
    expect(renderPushText("{昵称} 试试 {套餐}", { name: "A" }, offer)).toBe("A 试试 家庭套装（电动牙刷 + 2 年延保）¥359");
    expect(renderPushText("{nickname} try {bundle}", { name: "A" }, offer)).toBe("A try 家庭套装（电动牙刷 + 2 年延保）¥359");
  });

  it("money in and out", () => {
    expect(formatPrice(39_900)).toBe("¥399");
    expect(formatPrice(4_950)).toBe("¥49.50");
    expect(parseYuan("¥12.3")).toBe(1_230);
    expect(parseYuan("12.345")).toBeUndefined();
  });

  it("reads 实验 and 无推荐 before a push's content, in any order", () => {
    expect(parsePushOptions("实验:留出10% 无推荐:跳过 {昵称}，{推荐}")).toEqual({
      experiment: { holdoutShare: 0.1 },
      noRecommendation: "skip",
      rest: "{昵称}，{推荐}",
    });
    expect(parsePushOptions("无推荐:通用 实验 内容")).toEqual({ experiment: { holdoutShare: 0 }, noRecommendation: "plain", rest: "内容" });
    expect(parsePushOptions("实验室新品到了")).toEqual({ rest: "实验室新品到了" });
    expect(parsePushOptions("无推荐:随便 内容")).toHaveProperty("invalid");
    expect(parsePushOptions("实验:留出60% 内容")).toHaveProperty("invalid");
    expect(usesRecommendation("试试 {推荐理由}")).toBe(true);
    expect(usesRecommendation("{昵称}")).toBe(false);
  });

  it("names the campaign of 实验 报告", () => {
    expect(parseExperimentRef("推送12")).toEqual({ kind: "push", id: 12 });
    expect(parseExperimentRef("召回 #3")).toEqual({ kind: "winback", id: 3 });
    expect(parseExperimentRef("推送")).toBeUndefined();
  });
});
