// `npm run api`: the shop API on its own (no job workers), for deployments that split them.

import { startHttpServer } from "../http/server.js";
import { createAppContext } from "../kernel/app-context.js";
import { loadConfigOrExit } from "../kernel/config.js";
import { requireMigratedDatabase } from "./require-migrated-database.js";
import { requireReachableRedis } from "./require-reachable-redis.js";
import { stopOnSignals } from "./shutdown.js";

const config = loadConfigOrExit();
await requireMigratedDatabase(config);
await requireReachableRedis(config);
const app = createAppContext(config);
const http = await startHttpServer(app, config.http.port || 8787);
stopOnSignals(async () => {
  await http.close();
  await app.close();
}, app.logger);
