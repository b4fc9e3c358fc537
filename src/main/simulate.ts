// `npm run simulate -- FILE.json`: runs a scripted scenario, prints the transcript as JSON lines,
// exits 0 if every expectation held and 1 (listing the failed ones) otherwise.
import { readFile } from "node:fs/promises";
import { ZodError } from "zod";
import { ConfigError } from "../kernel/config.js";
import { runScenario } from "../sim/run-scenario.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run simulate -- FILE.json\n");
  process.exit(2);
}
try {
  const scenario = JSON.parse(await readFile(file, "utf8"));
  const result = await runScenario(scenario, { onLine: (line) => process.stdout.write(`${JSON.stringify(line)}\n`) });
  if (result.passed) {
    process.stderr.write(`scenario passed: ${file}\n`);
    process.exit(0);
  }
  process.stderr.write(`scenario failed: ${file}\n${result.failures.map((f) => `  - ${f}`).join("\n")}\n`);
  process.exit(1);
} catch (error) {
  if (error instanceof ZodError) {
    process.stderr.write(
      `${file} is not a valid scenario:\n${error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}\n`,
    );
  } else if (error instanceof ConfigError || error instanceof SyntaxError) {
    process.stderr.write(`${error.message}\n`);
  } else throw error;
  process.exit(1);
}
