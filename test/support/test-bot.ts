// The whole stack (bot + worker) on the mock puppet, for end-to-end tests: people say things in the
// mock WeChat, tests wait for what the bot sends.
import { type BotMessage, type Community, MockWorld } from "../../src/bot/mock-world.js";
import type { Clock } from "../../src/kernel/time/clock.js";
import { type Stack, startStack } from "../../src/main/stack.js";
import { waitForQueueIdle } from "./queue-idle.js";
import { createTestEnv } from "./test-app.js";

export interface MessageMatch {
  room?: string;
  to?: string;
  text?: string | RegExp;
}

export interface SettleOptions {
  /** Job queues (by job id, as in jobs/) whose work the expectation depends on; the outbox always counts. */
  jobs?: readonly string[];
}

export interface TestBot {
  world: MockWorld;
  stack: Stack;
  app: Stack["app"];
  /** Everything the bot sent, in order. */
  sent: BotMessage[];
  say(from: string, text: string, room?: string): void;
  /** The first message matching `match` not returned before; waits up to `ms`. */
  waitFor(match: MessageMatch, ms?: number): Promise<BotMessage>;
  /**
   * Waits until the stack has settled (see `settle`), then fails if a message matching `match` was sent
   * since the call. `ms` is the deadline for settling.
   *
   * @example t.say("bob", "今天天气真好", "vip"); await t.expectNone({ room: "vip" });
   */
  expectNone(match: MessageMatch, ms?: number, options?: SettleOptions): Promise<void>;
  /**
   * Resolves when the bot has received and finished handling every message the mock WeChat delivered
   * (people's and its own), and the outbox and `options.jobs` hold nothing due before the deadline
   * (`ms` from now; a delivery deferred to the morning does not count). Fails at the deadline otherwise.
   */
  settle(ms?: number, options?: SettleOptions): Promise<void>;
  stop(): Promise<void>;
}

function matches(message: BotMessage, match: MessageMatch): boolean {
  if (match.room !== undefined && message.room !== match.room) return false;
  if (match.to !== undefined && message.to !== match.to) return false;
  if (match.text === undefined) return true;
  return typeof match.text === "string" ? message.text.includes(match.text) : match.text.test(message.text);
}

export async function startTestBot(
  community: Community,
  env: Record<string, string> = {},
  options: { clock?: Clock; worker?: boolean } = {},
): Promise<TestBot> {
  const testEnv = await createTestEnv({ OWNER_WECHAT_ID: community.owner, WECHATY_PUPPET: "mock", ...env });
  const world = new MockWorld(community);
  const sent: BotMessage[] = [];
  const taken = new Set<BotMessage>();
  const listeners = new Set<() => void>();
  // Every message the mock puppet delivered, people's and the bot's own: the bot must receive them all.
  let delivered = 0;
  world.puppet.on("message", () => {
    delivered += 1;
  });
  world.onBotMessage((message) => {
    sent.push(message);
    for (const listener of listeners) listener();
  });
  const stack = await startStack(testEnv.config, { world, clock: options.clock, worker: options.worker });
  const bot = stack.bot!;
  await bot.synced;

  const until = (test: () => boolean, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (test()) return resolve(true);
      const timer = setTimeout(() => finish(false), ms);
      const check = () => test() && finish(true);
      function finish(ok: boolean) {
        clearTimeout(timer);
        listeners.delete(check);
        resolve(ok);
      }
      listeners.add(check);
    });

  const poll = async (test: () => boolean, deadline: number) => {
    while (!test()) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return true;
  };

  async function settle(ms = 2000, options: SettleOptions = {}): Promise<void> {
    const known = stack.app.jobs.labels();
    const unknown = (options.jobs ?? []).filter((id) => !(id in known));
    if (unknown.length > 0) throw new Error(`unknown job ${unknown.join(", ")}; jobs are: ${Object.keys(known).join(", ")}`);
    const deadline = Date.now() + ms;
    const left = () => Math.max(0, deadline - Date.now());
    // Jobs before the outbox: a job's messages go through the outbox; a sent message is a new delivery.
    const queues = [...(options.jobs ?? []).map((id) => stack.app.jobs.queue(id)), stack.app.outboxQueue];
    for (;;) {
      const before = delivered;
      if (!(await poll(() => bot.messagesReceived >= delivered, deadline))) {
        throw new Error(`the bot received ${bot.messagesReceived} of the ${delivered} messages delivered within ${ms} ms`);
      }
      let timer: NodeJS.Timeout | undefined;
      const idle = await Promise.race([
        bot.idle().then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), left());
        }),
      ]).finally(() => clearTimeout(timer));
      if (!idle) throw new Error(`the bot's handlers were still running after ${ms} ms`);
      for (const queue of queues) await waitForQueueIdle(queue, left(), { dueBefore: deadline });
      // Nothing delivered meanwhile: every handler that could still add work has finished.
      if (delivered === before) return;
    }
  }

  return {
    world,
    stack,
    app: stack.app,
    sent,
    say: (from, text, room) => world.say(from, text, room),
    async waitFor(match, ms = 5000) {
      const find = () => sent.find((m) => !taken.has(m) && matches(m, match));
      await until(() => find() !== undefined, ms);
      const found = find();
      if (!found) {
        throw new Error(
          `no bot message matching ${JSON.stringify({ ...match, text: String(match.text) })} within ${ms} ms; sent so far:\n${sent.map((m) => `  ${m.room ? `[${m.room}]` : `[→${m.to}]`} ${m.text}`).join("\n")}`,
        );
      }
      taken.add(found);
      return found;
    },
    async expectNone(match, ms = 2000, options = {}) {
      const from = sent.length;
      await settle(ms, options);
      const hit = sent.slice(from).find((m) => matches(m, match));
      if (hit) throw new Error(`unexpected bot message: ${hit.text}`);
    },
    settle,
    async stop() {
      await stack.stop();
      await testEnv.cleanup();
    },
  };
}
