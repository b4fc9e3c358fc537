// `npm run import:orders -- FILE.csv`: imports historical orders (streaming), a progress bar on stderr,
// a summary on stdout. Re-running the same file imports nothing twice.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { SingleBar, Presets } from "cli-progress";
import { loadConfigOrExit } from "../config.js";
import { createDb } from "../infra/db/client.js";
import { importOrders } from "../services/orders/import-orders.js";
import { systemClock } from "../domain/time/clock.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run import:orders -- FILE.csv\n");
  process.exit(2);
}
const config = loadConfigOrExit();
const db = createDb(config.databaseUrl);
const size = (await stat(file)).size;
const stream = createReadStream(file);
const bar = new SingleBar({ format: "importing |{bar}| {percentage}% | {rows} rows, {imported} imported, {skipped} skipped", stream: process.stderr }, Presets.shades_classic);
bar.start(size, 0, { rows: 0, imported: 0, skipped: 0 });
try {
  const summary = await importOrders(db, stream, {
    at: systemClock.now(),
    onRow: (s) => bar.update(stream.bytesRead, { rows: s.rows, imported: s.imported, skipped: s.skipped }),
  });
  bar.update(size);
  bar.stop();
  process.stdout.write(`rows: ${summary.rows}\nimported: ${summary.imported}\nskipped: ${summary.skipped}\n`);
  for (const [reason, count] of Object.entries(summary.reasons).sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`  ${count} × ${reason}\n`);
  }
} finally {
  bar.stop();
  await db.$disconnect();
}
