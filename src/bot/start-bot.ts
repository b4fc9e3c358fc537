import qrcode from "qrcode-terminal";
import { type Wechaty, WechatyBuilder, type WechatyOptions } from "wechaty";
import { allCommands } from "../features/index.js";
import { handlePrivateChatter } from "../features/service-desk/index.js";
import type { AppContext } from "../kernel/app-context.js";
import type { AnyCommand } from "../kernel/commands/command.js";
import { CommandRouter } from "../kernel/commands/router.js";
import type { Config } from "../kernel/config.js";
import type { AccountLease } from "../kernel/fleet/account-lease.js";
import { createAccountOutboxWorker } from "../kernel/outbox/outbox-sender.js";
import { within } from "../kernel/time/within.js";
import { holdAccountLease } from "./fleet-presence.js";
import { onLogin, onLogout } from "./handlers/on-login.js";
import { onMessage } from "./handlers/on-message.js";
import { onRoomJoin } from "./handlers/on-room-join.js";
import { onRoomLeave } from "./handlers/on-room-leave.js";
import { onRoomTopic } from "./handlers/on-room-topic.js";
import type { MockWorld } from "./mock-world.js";
import { createWechatySender } from "./wechaty-sender.js";

export interface RunningBot {
  bot: Wechaty;
  /** Resolves at the first login. */
  loggedIn: Promise<void>;
  /** Resolves when the first login's room and member sync is done. */
  synced: Promise<void>;
  /** How many messages Wechaty has delivered to the bot so far (taken or, while stopping, ignored). */
  readonly messagesReceived: number;
  /** Resolves when no event handler (message, room join/leave/topic, login) is running. */
  idle(): Promise<void>;
  /** Ignores new messages and waits (bounded) for the handlers already running. */
  stopTakingMessages(): Promise<void>;
  /** Stops taking messages, then closes the outbox sender, then Wechaty. */
  stop(): Promise<void>;
}

// How long a stop waits for message handlers in hand: within compose's stop_grace_period.
const HANDLER_DRAIN_MS = 10_000;

function wechatyOptions(config: Config, world?: MockWorld): WechatyOptions {
  if (config.wechaty.puppet === "mock") {
    if (!world) throw new Error("WECHATY_PUPPET=mock needs a mock world (the demo community or a scenario)");
    return { puppet: world.puppet };
  }
  // A name makes Wechaty keep the login session on disk, so a restart needs no new QR scan.
  return {
    name: `siyu-${config.account}`,
    puppet: config.wechaty.puppet as WechatyOptions["puppet"],
    puppetOptions: { token: config.wechaty.token, endpoint: config.wechaty.endpoint },
  } as WechatyOptions;
}

/**
 * Starts the bot: Wechaty on the configured puppet, the event handlers, and the outbox sender
 * (which runs only while logged in). With the mock puppet, `world` supplies the community.
 */
export async function startBot(
  app: AppContext,
  options: { world?: MockWorld; commands?: readonly AnyCommand[] } = {},
): Promise<RunningBot> {
  const { config, logger } = app;
  const bot = WechatyBuilder.build(wechatyOptions(config, options.world));
  // Private chatter goes to the service desk: never silence in private.
  const router = new CommandRouter(
    app,
    options.commands ?? allCommands,
    () => (bot.isLoggedIn ? { wechatId: bot.currentUser.id, name: bot.currentUser.name() } : undefined),
    {
      privateChatter: async (app, chatter) => {
        await handlePrivateChatter(app, chatter);
      },
    },
  );
  let lease: AccountLease | undefined;
  const outboxWorker = createAccountOutboxWorker(app, {
    sender: createWechatySender(bot),
    autorun: false,
    fencingToken: () => lease?.fencingToken ?? -1n,
  });

  let markLoggedIn!: () => void;
  let markSynced!: () => void;
  const loggedIn = new Promise<void>((resolve) => (markLoggedIn = resolve));
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  let outboxStarted = false;
  let stopping = false;
  let takingMessages = true;
  // Every event handler running, messages included: what idle() and a graceful stop wait for.
  const running = new Set<Promise<void>>();
  let messagesReceived = 0;
  const onReady = () => {
    markLoggedIn();
    if (!outboxStarted) {
      outboxStarted = true;
      void outboxWorker.run().catch((error) => logger.error({ err: error }, "outbox worker stopped"));
    } else outboxWorker.resume();
  };

  // One boundary per event: a failing handler is logged with its event, never crashes the bot.
  const guard =
    <A extends unknown[]>(event: string, handler: (...args: A) => Promise<void>) =>
    (...args: A): Promise<void> => {
      const handled = handler(...args)
        .catch((error) => logger.error({ err: error, event }, "event handler failed"))
        .finally(() => running.delete(handled));
      running.add(handled);
      return handled;
    };

  const handleMessage = guard("message", onMessage(app, router));
  const takeMessage = (...args: Parameters<typeof handleMessage>) => {
    messagesReceived += 1;
    if (takingMessages) void handleMessage(...args);
  };

  const stopTakingMessages = async () => {
    takingMessages = false;
    if (running.size === 0) return;
    const timedOut = await within(
      Promise.allSettled(running).then(() => false),
      HANDLER_DRAIN_MS,
      true,
    );
    if (timedOut) logger.warn({ handlers: running.size }, "stopping with event handlers still running");
  };

  bot
    .on("message", takeMessage)
    .on("room-join", guard("room-join", onRoomJoin(app, bot)))
    .on("room-leave", guard("room-leave", onRoomLeave(app, bot)))
    .on("room-topic", guard("room-topic", onRoomTopic(app)))
    .on("login", guard("login", onLogin(app, bot, { onReady, onSynced: markSynced })))
    .on("logout", guard("logout", onLogout(app, { stopping: () => stopping, onLoggedOut: () => void outboxWorker.pause(true) })))
    .on("scan", (qr, status) => {
      logger.info({ status }, "scan the QR code with the bot's WeChat account");
      if (qr) qrcode.generate(qr, { small: true }, (code) => process.stderr.write(`${code}\n`));
    })
    // Puppets report recoverable trouble here: log, go on. (The mock reports a spurious one on every
    // room join, so with the mock it is debug noise.)
    .on("error", (error) => logger[config.wechaty.puppet === "mock" ? "debug" : "warn"]({ err: error }, "wechaty reported an error"));

  // One process drives an account: a second one started for it waits here until the first is gone.
  lease = await holdAccountLease(
    app,
    () => {
      takingMessages = false;
      void outboxWorker.pause(true);
    },
    () => bot.isLoggedIn,
  );
  await bot.start();
  if (options.world) {
    options.world.populate();
    options.world.login();
  }

  return {
    bot,
    loggedIn,
    synced,
    get messagesReceived() {
      return messagesReceived;
    },
    async idle() {
      // A handler may start while others finish (a join during a message): wait until none is left.
      while (running.size > 0) await Promise.allSettled(running);
    },
    stopTakingMessages,
    async stop() {
      stopping = true;
      await stopTakingMessages();
      await outboxWorker.close();
      await bot.stop();
      // Given up at once: a process started next for this account takes over without waiting the lease out.
      await lease?.release();
    },
  };
}
