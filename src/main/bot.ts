// `npm run bot`: the bot process. Wechaty on the configured puppet, the handlers, the outbox sender.

import { MockWorld } from "../bot/mock-world.js";
import { loadConfigOrExit } from "../kernel/config.js";
import { demoCommunityFor } from "../sim/demo-community.js";
import { requireMigratedDatabase } from "./require-migrated-database.js";
import { requireReachableRedis } from "./require-reachable-redis.js";
import { stopOnSignals } from "./shutdown.js";
import { startStack } from "./stack.js";

const config = loadConfigOrExit();
await requireMigratedDatabase(config);
await requireReachableRedis(config);
// The embedded default: the mock WeChat with the demo community (its account BOT_ACCOUNT names, if one).
const world = config.wechaty.puppet === "mock" ? new MockWorld(demoCommunityFor(config.account)) : undefined;
const stack = await startStack(config, { worker: false, world });
stack.app.logger.info({ puppet: config.wechaty.puppet, account: config.account }, "bot started");
stopOnSignals(stack.stop, stack.app.logger);
