// The service desk's settings: durations per colour, keyword lists, and every bad value named.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/kernel/config.js";

describe("the service desk's configuration", () => {
  it("has the brand's promises by default", () => {
    expect(loadConfig({}).service).toEqual({
      responseMs: { red: 3_600_000, yellow: 14_400_000, green: 86_400_000 },
      resolveMs: { red: 86_400_000, yellow: 259_200_000, green: 604_800_000 },
      redWords: ["投诉", "坏了", "漏水", "退款", "过敏"],
      yellowWords: ["怎么用", "安装", "发货"],
      helpWords: ["人工", "客服", "售后", "发货", "退货"],
      followupAfterMs: 86_400_000,
      ratingWindowMs: 259_200_000,
      workingHours: null,
    });
  });

  it("takes short windows for tests and words with full-width commas", () => {
    const config = loadConfig({
      SERVICE_RESPONSE: "red=4s,yellow=1.5m,green=2h",
      SERVICE_RED_WORDS: "破了，坏了",
      TICKET_FOLLOWUP_AFTER: "2s",
    });
    expect(config.service.responseMs).toEqual({ red: 4000, yellow: 90_000, green: 7_200_000 });
    expect(config.service.redWords).toEqual(["破了", "坏了"]);
    expect(config.service.followupAfterMs).toBe(2000);
  });

  it("names every bad value at once", () => {
    expect(() => loadConfig({ SERVICE_RESPONSE: "red=1h,blue=2h", TICKET_RATING_WINDOW: "soon" })).toThrow(
      /SERVICE_RESPONSE="red=1h,blue=2h": "blue=2h" is not colour=duration[\s\S]*must name red, yellow and green[\s\S]*TICKET_RATING_WINDOW="soon": must be a duration/,
    );
  });
});
