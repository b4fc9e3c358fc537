// `npm run import:orders -- FILE.csv`: imports historical orders (streaming), a progress bar on stderr,
// a summary on stdout. Re-running the same file imports nothing twice. Malformed rows are skipped with
// their line; whatever happens, the summary of what was done is printed (an error ends it, exit 1).
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Presets, SingleBar } from "cli-progress";
import { type ImportSummary, importOrders } from "../features/orders/index.js";
import { createAppContext } from "../kernel/app-context.js";
import { loadConfigOrExit } from "../kernel/config.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run import:orders -- FILE.csv\n");
  process.exit(2);
}
const size = await stat(file).then(
  (s) => s.size,
  (error: Error) => {
    process.stderr.write(`cannot read ${file}: ${error.message}\n`);
    process.exit(2);
  },
);
const config = loadConfigOrExit();
const app = createAppContext(config);
const stream = createReadStream(file);
const bar = new SingleBar(
  { format: "importing |{bar}| {percentage}% | {rows} rows, {imported} imported, {skipped} skipped", stream: process.stderr },
  Presets.shades_classic,
);
bar.start(size, 0, { rows: 0, imported: 0, skipped: 0 });
let summary: ImportSummary = { rows: 0, imported: 0, skipped: 0, reasons: {} };
let failure: Error | undefined;
try {
  summary = await importOrders(app, stream, {
    at: app.clock.now(),
    onRow: (s) => {
      summary = s;
      bar.update(stream.bytesRead, { rows: s.rows, imported: s.imported, skipped: s.skipped });
    },
  });
  bar.update(size);
} catch (error) {
  failure = error as Error;
} finally {
  bar.stop();
  await app.close();
}
process.stdout.write(`rows: ${summary.rows}\nimported: ${summary.imported}\nskipped: ${summary.skipped}\n`);
for (const [reason, count] of Object.entries(summary.reasons).sort((a, b) => b[1] - a[1])) {
  process.stdout.write(`  ${count} × ${reason}\n`);
}
if (failure) {
  process.stderr.write(`import stopped: ${failure.message}\n`);
  process.exitCode = 1;
}
