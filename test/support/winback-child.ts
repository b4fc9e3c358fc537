// A worker process for the kill test: processes one win-back run, pausing after each batch so the
// test can SIGKILL it mid-run. Env: the test's DATABASE_URL and REDIS_PREFIX, RUN_ID, PAUSE_MS.
import { loadConfig } from "../../src/config.js";
import { createAppContext } from "../../src/infra/app-context.js";
import { processWinbackRun } from "../../src/services/winback/process-winback-run.js";
import { winbackSettings } from "../../src/services/winback/run-winback.js";

const app = createAppContext(loadConfig());
const pause = Number(process.env.PAUSE_MS ?? 0);
const outcome = await processWinbackRun(app.db, app.outbox, {
  runId: Number(process.env.RUN_ID),
  at: app.clock.now(),
  settings: winbackSettings(app),
  batchSize: 5,
  afterBatch: async (processed) => {
    process.stdout.write(`processed ${processed}\n`);
    if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
  },
});
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await app.close();
