import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, shownValue } from "../../../src/kernel/config.js";

describe("loadConfig", () => {
  it("runs the demo on defaults", () => {
    const config = loadConfig({});
    expect(config.wechaty.puppet).toBe("mock");
    expect(config.timeZone).toBe("Asia/Shanghai");
    expect(config.outbox.quietHours).toEqual({ startMinute: 22 * 60, endMinute: 8 * 60 });
    expect(config.outbox.ratePerMinute).toBe(20);
    expect(config.outbox.dailyCaps.push).toBe(300);
  });

  it("names every bad variable and why, in one error", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "mysql://x", OUTBOX_RATE_PER_MINUTE: "fast", TIME_ZONE: "Mars/Base", QUIET_HOURS: "late" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toContain('DATABASE_URL="mysql://x": must be a URL like postgresql://');
    expect(problems).toContain('OUTBOX_RATE_PER_MINUTE="fast": must be a number');
    expect(problems).toContain("TIME_ZONE");
    expect(problems).toContain("QUIET_HOURS");
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it("parses caps, jitter and quiet hours off", () => {
    const config = loadConfig({ OUTBOX_DAILY_CAPS: "push=50, reply=9", OUTBOX_JITTER_MS: "0-10", QUIET_HOURS: "off" });
    expect(config.outbox.dailyCaps.push).toBe(50);
    expect(config.outbox.dailyCaps.reply).toBe(9);
    expect(config.outbox.dailyCaps.welcome).toBe(500);
    expect(config.outbox.jitterMs).toEqual({ min: 0, max: 10 });
    expect(config.outbox.quietHours).toBeNull();
    expect(() => loadConfig({ OUTBOX_DAILY_CAPS: "spam=5" })).toThrow(/spam=5/);
  });

  it("requires a token for the service puppet", () => {
    expect(() => loadConfig({ WECHATY_PUPPET: "wechaty-puppet-service" })).toThrow(/WECHATY_PUPPET_SERVICE_TOKEN/);
  });

  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it("reports the missing service token together with the other problems", () => {
    const problems = problemsOf({ WECHATY_PUPPET: "wechaty-puppet-service", OUTBOX_BURST: "lots" });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toMatch(/OUTBOX_BURST="lots"/);
    expect(problems.join("\n")).toMatch(/WECHATY_PUPPET_SERVICE_TOKEN: is required/);
  });

  it("refuses a mistyped puppet, naming the allowed ones, and accepts installed puppet packages", () => {
    expect(problemsOf({ WECHATY_PUPPET: "wechaty-puppet-wechat4" })).toEqual([
      'WECHATY_PUPPET="wechaty-puppet-wechat4": must be one of mock, wechaty-puppet-wechat4u, wechaty-puppet-service, or an installed puppet package',
    ]);
    expect(loadConfig({ WECHATY_PUPPET: "wechaty-puppet-wechat4u" }).wechaty.puppet).toBe("wechaty-puppet-wechat4u");
    // Not in the documented list, but installed: a deployment may bring its own puppet.
    expect(loadConfig({ WECHATY_PUPPET: "wechaty-puppet-mock" }).wechaty.puppet).toBe("wechaty-puppet-mock");
  });

  it("checks cron variables with a cron parser, not only their shape", () => {
    expect(problemsOf({ CALENDAR_RHYTHM_CRON: "0 25 * * 1", RFM_CRON: "every day" }).map((p) => p.split("=")[0])).toEqual([
      "RFM_CRON",
      "CALENDAR_RHYTHM_CRON",
    ]);
    expect(loadConfig({ CALENDAR_RHYTHM_CRON: "30 8 * * 1-5" }).calendar.rhythmCron).toBe("30 8 * * 1-5");
  });

  describe("never prints a secret (issue 8)", () => {
    it("names a bad secret variable and what is wrong, without its value", () => {
      const problems = problemsOf({ SHOP_API_SECRET: "hunter2-short" }).join("\n");
      expect(problems).toContain("SHOP_API_SECRET (value hidden): must be at least 16 characters");
      expect(problems).not.toContain("hunter2");
    });

    it("hides the password inside a URL, also a malformed one, and keeps the rest to find the mistake", () => {
      const problems = problemsOf({
        DATABASE_URL: "postgresql://siyu:hunter2@db:port/siyu",
        REDIS_URL: "redis://:s3cr3t/pa#ss@redis:63 79",
        WECHATY_PUPPET: "mysql://root:toor@x",
      }).join("\n");
      expect(problems).toContain('DATABASE_URL="postgresql://siyu:***@db:port/siyu": must be a URL like postgresql://');
      expect(problems).toContain('REDIS_URL="redis://:***@redis:63 79"');
      expect(problems).toContain('WECHATY_PUPPET="mysql://root:***@x"');
      for (const secret of ["hunter2", "s3cr3t", "pa#ss", "toor"]) expect(problems).not.toContain(secret);
      // Nor in the message an entry point prints.
      expect(() => loadConfig({ DATABASE_URL: "postgres//siyu:hunter2@db" })).toThrow(/DATABASE_URL="postgres\/\/siyu:\*\*\*@db"/);
    });

    it("treats every *_SECRET, *_TOKEN and *PASSWORD* name as secret", () => {
      for (const name of [
        "SHOP_API_SECRET",
        "WECHATY_PUPPET_SERVICE_TOKEN",
        "DB_PASSWORD",
        "PASSWORD_FILE",
        "SMTP_PASSWD",
        "SHOP_API_KEY",
      ]) {
        expect(shownValue(name, "x-very-secret")).toBe(" (value hidden)");
      }
      expect(shownValue("OUTBOX_BURST", "lots")).toBe('="lots"');
      expect(shownValue("FLASH_PAY_URL", "https://shop.example.com/pay?to=a@b")).toBe('="https://shop.example.com/pay?to=a@b"');
      expect(shownValue("TIME_ZONE", undefined)).toBe("");
    });
  });
});
