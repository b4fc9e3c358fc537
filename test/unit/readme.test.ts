// The README documents what the code declares: the command table is generated from the declarations
// and every configuration variable is in the configuration table.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "../../src/kernel/config.js";
import { withCommandTable } from "../../src/main/write-command-table.js";

const readme = readFileSync("README.md", "utf8");

describe("README.md", () => {
  it("has the command table the declarations generate (npm run docs:commands)", () => {
    expect(readme).toBe(withCommandTable(readme));
  });

  it("documents every configuration variable", () => {
    const missing = CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it("gives the two quick-start commands", () => {
    expect(readme).toContain("npm run demo");
    expect(readme).toMatch(/^npm test/m);
  });
});
