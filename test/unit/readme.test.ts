// The docs document what the code declares: the command table in docs/commands.md is generated from the
// declarations, every configuration variable is in docs/configuration.md, and the README's quick start
// gives the two commands a newcomer runs first.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "../../src/kernel/config.js";
import { COMMANDS_DOC, withCommandTable } from "../../src/main/write-command-table.js";

const readme = readFileSync("README.md", "utf8");
const commandsDoc = readFileSync(COMMANDS_DOC, "utf8");
const configurationDoc = readFileSync("docs/configuration.md", "utf8");

describe("docs/commands.md", () => {
  it("has the command table the declarations generate (npm run docs:commands)", () => {
    expect(commandsDoc).toBe(withCommandTable(commandsDoc));
  });
});

describe("docs/configuration.md", () => {
  it("documents every configuration variable", () => {
    const missing = CONFIG_VARIABLES.filter((name) => !configurationDoc.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });
});

describe("README.md", () => {
  it("gives the two quick-start commands", () => {
    expect(readme).toContain("npm run demo");
    expect(readme).toMatch(/^npm test/m);
  });

  it("links every document in docs/", () => {
    const docs = readdirSync("docs").filter((name) => name.endsWith(".md"));
    const unlinked = docs.filter((name) => !readme.includes(`](docs/${name})`));
    expect(unlinked).toEqual([]);
  });
});
