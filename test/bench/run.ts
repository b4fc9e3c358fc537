// `npm run bench [-- NAME…]`: runs the benchmarks in test/bench/*.bench.ts (all, or those named) one
// after another, each printing its own figures. Correctness checks inside a bench throw; timings never do.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith(".bench.ts")).sort();
const chosen = wanted.length ? files.filter((f) => wanted.some((w) => f.includes(w))) : files;
if (chosen.length === 0) {
  process.stderr.write(`no benchmark matches ${wanted.join(" ")}; there are: ${files.join(", ")}\n`);
  process.exit(2);
}
let failed = false;
for (const file of chosen) {
  process.stdout.write(`\n=== ${file.replace(".bench.ts", "")} ===\n`);
  const bench = (await import(path.join(here, file))) as { default: () => Promise<void> };
  try {
    await bench.default();
  } catch (error) {
    failed = true;
    process.stdout.write(`FAILED: ${(error as Error).stack ?? error}\n`);
  }
}
process.exit(failed ? 1 : 0);
