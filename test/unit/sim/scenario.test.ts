import { describe, expect, it } from "vitest";
import { ZScenario } from "../../../src/sim/scenario.js";

const community = { owner: "boss", rooms: [{ id: "vip", topic: "VIP群", members: ["boss", "alice"] }] };

const problemsOf = (scenario: unknown) => {
  const parsed = ZScenario.safeParse(scenario);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("the scenario format", () => {
  it("accepts the README's example", () => {
    expect(
      problemsOf({
        community,
        settings: { QUIET_HOURS: "off" },
        steps: [
          { from: "alice", room: "vip", say: "帮助" },
          { expect: { room: "vip", contains: "退订" }, within: 3000 },
          { join: "carol", room: "vip" },
        ],
      }),
    ).toEqual([]);
  });

  it("refuses settings that would break a run's isolation", () => {
    const problems = problemsOf({
      community,
      settings: { DATABASE_URL: "postgresql://prod/shop", REDIS_PREFIX: "siyu", WECHATY_PUPPET: "wechaty-puppet-service" },
      steps: [{ wait: 1 }],
    });
    expect(problems).toEqual([
      "settings.DATABASE_URL: cannot be set by a scenario: every run gets its own database, Redis prefix and the mock WeChat",
      "settings.REDIS_PREFIX: cannot be set by a scenario: every run gets its own database, Redis prefix and the mock WeChat",
      "settings.WECHATY_PUPPET: cannot be set by a scenario: every run gets its own database, Redis prefix and the mock WeChat",
    ]);
  });

  it("names a step's unknown room as a validation problem, before anything runs", () => {
    const problems = problemsOf({
      community,
      steps: [
        { from: "alice", room: "vipp", say: "帮助" },
        { expect: { room: "VIP群" } },
        { join: "carol", room: "vip" },
        { rename: "bj", topic: "北京群" },
      ],
    });
    expect(problems).toEqual([
      'steps.0.room: no room "vipp" in the community (rooms: vip)',
      'steps.1.expect.room: no room "VIP群" in the community (rooms: vip)',
      'steps.3.rename: no room "bj" in the community (rooms: vip)',
    ]);
  });
});
