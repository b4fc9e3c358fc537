import { readdir, readFile } from "node:fs/promises";
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

describe("the scenario format's fleet", () => {
  const fleet = {
    owner: "boss",
    accounts: ["helperA", "helperB"],
    rooms: [{ id: "bj1", topic: "北京1群", members: ["boss", "alice"], bots: ["helperA", "helperB"] }],
  };

  it("accepts every scenario under test/scenarios (the fleet's and those written before it)", async () => {
    const dir = new URL("../../scenarios/", import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith(".json"));
    expect(files).toContain("fleet.json");
    for (const file of files) expect([file, problemsOf(JSON.parse(await readFile(new URL(file, dir), "utf8")))]).toEqual([file, []]);
  });

  it("accepts logout and login steps, via on expectations and on a private message", () => {
    expect(
      problemsOf({
        community: fleet,
        steps: [
          { from: "alice", room: "bj1", say: "帮助" },
          { expect: { room: "bj1", via: "helperA" } },
          { logout: "helperA" },
          { notExpect: { via: "helperA" } },
          { login: "helperA" },
          { from: "alice", say: "退订", via: "helperB" },
        ],
      }),
    ).toEqual([]);
  });

  it("names an unknown account in a step, and a via on a room message, before anything runs", () => {
    expect(
      problemsOf({
        community: fleet,
        steps: [
          { logout: "helperC" },
          { login: "main" },
          { expect: { via: "a" } },
          { notExpect: { to: "alice", via: "b" } },
          { from: "alice", room: "bj1", say: "帮助", via: "helperA" },
        ],
      }),
    ).toEqual([
      'steps.0.logout: no account "helperC" in the community (accounts: helperA, helperB)',
      'steps.1.login: no account "main" in the community (accounts: helperA, helperB)',
      'steps.2.expect.via: no account "a" in the community (accounts: helperA, helperB)',
      'steps.3.notExpect.via: no account "b" in the community (accounts: helperA, helperB)',
      "steps.4.via: a room message reaches every account in the room: via names the account a private message is written to",
    ]);
  });

  it("knows the one account of a community without accounts by the bot's id", () => {
    expect(problemsOf({ community, steps: [{ logout: "siyu-bot" }, { expect: { via: "siyu-bot" } }] })).toEqual([]);
  });
});
