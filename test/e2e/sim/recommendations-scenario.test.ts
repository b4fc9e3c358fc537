// The recommendations scenario (test/scenarios/recommendations.json) through the scenario runner: the
// demo community with the demo's past (orders with lines, "history": "demo"), 推荐 @某人 with reasons,
// 套餐 建议 and 套餐 新增, a push with {推荐} / {推荐理由} rendered per member, then its status; then a
// win-back run and its 实验 报告 召回1, which says 样本不足 on day 0.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { runScenario } from "../../../src/sim/run-scenario.js";

it("runs test/scenarios/recommendations.json: every expectation holds", async () => {
  const scenario = JSON.parse(await readFile(new URL("../../scenarios/recommendations.json", import.meta.url), "utf8"));
  const result = await runScenario(scenario, { env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" } });
  expect(result.failures).toEqual([]);
  const pushed = result.transcript.filter((line) => line.dir === "out" && line.to !== "boss" && line.text.includes("为你挑了"));
  expect(pushed.map((line) => line.to).sort()).toEqual(["iris", "jack", "kate", "leo", "mia", "nina"]);
}, 120_000);
