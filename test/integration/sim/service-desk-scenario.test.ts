// The service desk's scenario file through the scenario runner (the whole stack on the mock puppet):
// intake, the 50 % reminder and the breach, the conversation, a group intake, resolve → follow-up →
// rating, the statistics, and private chatter's one hint a day.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/sim/run-scenario.js";

describe("the service desk scenario", () => {
  it("runs test/scenarios/service-desk.json with every expectation held", { timeout: 90_000 }, async () => {
    const scenario = JSON.parse(await readFile("test/scenarios/service-desk.json", "utf8"));
    const result = await runScenario(scenario);
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
