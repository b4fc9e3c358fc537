import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { REPL_HELP } from "../../../src/sim/repl.js";

it("docs/development.md shows the demo's /help exactly as the REPL prints it (with /logout and /login)", async () => {
  const doc = await readFile(new URL("../../../docs/development.md", import.meta.url), "utf8");
  expect(REPL_HELP).toMatch(/\/logout NAME|\/logout 小助手A/);
  expect(REPL_HELP).toContain("/login 小助手A");
  expect(doc).toContain(`\`\`\`\n${REPL_HELP}\n\`\`\``);
});
