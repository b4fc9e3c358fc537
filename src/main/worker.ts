// `npm run worker`: the worker process. Runs every kind of job in jobs/ and schedules the recurring ones,
// and serves the shop API (HTTP_PORT; 0 turns it off).

import { checkWinbackTemplates } from "../features/winback/index.js";
import { startHttpServer } from "../http/server.js";
import { loadConfigOrExit } from "../kernel/config.js";
import { requireMigratedDatabase } from "./require-migrated-database.js";
import { requireReachableRedis } from "./require-reachable-redis.js";
import { stopOnSignals } from "./shutdown.js";
import { startStack } from "./stack.js";

const config = loadConfigOrExit();
await requireMigratedDatabase(config);
await requireReachableRedis(config);

// Several workers on one host: the first serves the shop API, the others only run jobs.
function portTaken(error: NodeJS.ErrnoException): undefined {
  if (error.code !== "EADDRINUSE") throw error;
  stack.app.logger.warn({ port: config.http.port }, "shop API not started here: the port is taken (another worker serves it)");
  return undefined;
}
const stack = await startStack(config, { bot: false });
// A WINBACK_COUPONS naming no template is found now, not at the first run (operators can still add it).
const winbackProblem = await checkWinbackTemplates(stack.app);
if (winbackProblem) stack.app.logger.error({ problem: winbackProblem }, "win-back cannot run until this is fixed");
const http = config.http.port > 0 ? await startHttpServer(stack.app).catch(portTaken) : undefined;
stack.app.logger.info({ jobs: stack.workers.map((w) => w.name), httpPort: http ? config.http.port : null }, "worker started");
stopOnSignals(async () => {
  await http?.close();
  await stack.stop();
}, stack.app.logger);
