import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/kernel/config.js";

describe("configuration of orders, RFM, coupons and win-back", () => {
  it("has the DOMAIN.md defaults", () => {
    const config = loadConfig({});
    expect(config.rfm).toMatchObject({
      highValueDays: 30,
      highValueOrders: 10,
      highValueCents: 200_000,
      atRiskDays: 60,
      lostDays: 120,
      cron: "0 3 * * *",
    });
    expect(config.winback).toMatchObject({ coupons: { at_risk: "满200减30", lost: "立减100" }, cooldownDays: 30, holdoutShare: 0.1 });
    expect(config.coupons).toEqual({ welcomeTemplate: "首单立减50", remindDays: 2 });
  });
  it("reads the win-back coupons and turns the daily run off", () => {
    const config = loadConfig({ WINBACK_COUPONS: "at_risk=满300减50, lost=立减100", WINBACK_CRON: "off" });
    expect(config.winback.coupons).toEqual({ at_risk: "满300减50", lost: "立减100" });
    expect(config.winback.cron).toBeNull();
  });
  it("listens on loopback by default and refuses the public default secret on any other host", () => {
    expect(loadConfig({}).http).toMatchObject({ host: "127.0.0.1", shopSecret: "siyu-dev-secret-change-me" });
    expect(() => loadConfig({ HTTP_HOST: "::1" })).not.toThrow();
    for (const host of ["0.0.0.0", "10.0.0.5", "::"]) {
      try {
        loadConfig({ HTTP_HOST: host });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems).toEqual([
          expect.stringMatching(new RegExp(`^SHOP_API_SECRET: .*HTTP_HOST=${host.replace(/\./g, "\\.")}`)),
        ]);
      }
    }
    expect(loadConfig({ HTTP_HOST: "0.0.0.0", SHOP_API_SECRET: "a-secret-of-our-own-42" }).http).toMatchObject({ host: "0.0.0.0" });
  });
  it("names every bad variable", () => {
    try {
      loadConfig({ RFM_CRON: "every night", SHOP_API_SECRET: "short", WINBACK_HOLDOUT_PERCENT: "95", WINBACK_COUPONS: "lost=立减100" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(/[= :]/)[0]);
      expect(names.sort()).toEqual(["RFM_CRON", "SHOP_API_SECRET", "WINBACK_COUPONS", "WINBACK_HOLDOUT_PERCENT"]);
    }
  });
});
