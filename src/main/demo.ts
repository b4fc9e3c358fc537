// `npm run demo`: the embedded default. The demo community's two accounts (one bot each) and the
// worker on the mock WeChat, and a terminal where you type as any member in any room.

import { MockWorld } from "../bot/mock-world.js";
import { consoleUrl } from "../features/console/index.js";
import { LAYERS } from "../features/rfm/index.js";
import { startHttpServer } from "../http/server.js";
import { loadConfigOrExit } from "../kernel/config.js";
import { demoCommunity } from "../sim/demo-community.js";
import { seedDemoHistory } from "../sim/demo-history.js";
import { forgetStaleQueues } from "../sim/forget-stale-queues.js";
import { startRepl } from "../sim/repl.js";
import { startMockFleet } from "../sim/start-mock-fleet.js";
import { stopOnSignals } from "./shutdown.js";

// Logs would bury the conversation: warnings and errors only, unless LOG_LEVEL says otherwise.
const config = loadConfigOrExit({ LOG_LEVEL: "warn", RECO_MIN_SUPPORT: "3", ...process.env, WECHATY_PUPPET: "mock" });
await forgetStaleQueues(config);
const world = new MockWorld(demoCommunity);
const fleet = await startMockFleet(config, world);
const accounts = world.accounts.map((account) => `${account.name} (${account.id})`).join(", ");
// The login's room sync records the members; their past can only be written once they exist.
await fleet.synced;
process.stdout.write(`Siyu demo is up in ${process.uptime().toFixed(1)} s (mock WeChat, demo community, accounts ${accounts}).\n`);
const history = await seedDemoHistory(fleet.primary.app);
if (history) {
  const layers = LAYERS.map((l) => `${l.name} ${history.layers[l.key]}`).join(" · ");
  process.stdout.write(`demo history: ${history.members} members, ${history.orders} orders, layers ${layers}\n`);
}
// The shop API and the operator console (/console) on HTTP_HOST:HTTP_PORT.
const http = await startHttpServer(fleet.primary.app).catch((error: Error) => {
  process.stderr.write(`the console did not start (${error.message}): set HTTP_PORT to a free port\n`);
  return undefined;
});
if (http) process.stdout.write(`console: ${consoleUrl(fleet.primary.app)} (type 后台 as boss, \`boss> 后台\`, for a login link)\n`);
const stop = async () => {
  await http?.close();
  await fleet.stop();
  process.exit(0);
};
stopOnSignals(stop, fleet.primary.app.logger);
startRepl(world, stop);
