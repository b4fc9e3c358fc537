// The whole stack (bot + worker) on the mock puppet, for end-to-end tests: people say things in the
// mock WeChat, tests wait for what the bot sends.
import { type BotMessage, type Community, MockWorld } from "../../src/bot/mock-world.js";
import type { Clock } from "../../src/kernel/time/clock.js";
import { type Stack, startStack } from "../../src/main/stack.js";
import { createTestEnv } from "./test-app.js";

export interface MessageMatch {
  room?: string;
  to?: string;
  text?: string | RegExp;
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
  /** Fails if a message matching `match` arrives within `ms` (from now). */
  expectNone(match: MessageMatch, ms?: number): Promise<void>;
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
  world.onBotMessage((message) => {
    sent.push(message);
    for (const listener of listeners) listener();
  });
  const stack = await startStack(testEnv.config, { world, clock: options.clock, worker: options.worker });
  await stack.bot!.synced;

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
    async expectNone(match, ms = 1000) {
      const from = sent.length;
      const hit = await until(() => sent.slice(from).some((m) => matches(m, match)), ms);
      if (hit) throw new Error(`unexpected bot message: ${sent.slice(from).find((m) => matches(m, match))!.text}`);
    },
    async stop() {
      await stack.stop();
      await testEnv.cleanup();
    },
  };
}
