// The fleet scenario (test/scenarios/fleet.json) through the scenario runner: two accounts in one room
// answer once, by the primary; the primary logs out and the standby answers; `via` on expectations.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { runScenario } from "../../../src/sim/run-scenario.js";

it("runs test/scenarios/fleet.json: one answer per command, by the room's primary, the standby after a logout", async () => {
  const scenario = JSON.parse(await readFile(new URL("../../scenarios/fleet.json", import.meta.url), "utf8"));
  const result = await runScenario(scenario, { env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" } });
  expect(result.failures).toEqual([]);
  const out = result.transcript.filter((line) => line.dir === "out");
  expect(out.length).toBeGreaterThan(0);
  for (const line of out) expect(["helperA", "helperB"]).toContain(line.via);
}, 120_000);
