// The loyalty scenario (test/scenarios/loyalty.json) through the scenario runner: 兑换 新增, 签到 twice,
// 积分, 兑换 (list, redeem, not enough points), 邀请 and 邀请 记录 after a friend joins, then a gift through 礼品 and 礼品 已发.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { runScenario } from "../../../src/sim/run-scenario.js";

it("runs test/scenarios/loyalty.json: every expectation holds", async () => {
  const scenario = JSON.parse(await readFile(new URL("../../scenarios/loyalty.json", import.meta.url), "utf8"));
  const result = await runScenario(scenario, { env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" } });
  expect(result.failures).toEqual([]);
  expect(result.transcript.filter((line) => line.dir === "out").length).toBeGreaterThanOrEqual(10);
}, 120_000);
