import type { MockWorld } from "../bot/mock-world.js";
import type { Config } from "../kernel/config.js";
import type { Logger } from "../kernel/logger.js";
import type { Clock } from "../kernel/time/clock.js";
import { type Stack, startStack } from "../main/stack.js";

export interface MockFleet {
  /** The first account's stack: its bot, and the only job workers. */
  primary: Stack;
  /** Every account's stack by account id, the first included. */
  stacks: Map<string, Stack>;
  /** Resolves when every account's first login has synced its rooms. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole fleet of a mock world in one process: one bot per account, as production runs one bot
 * process per account (BOT_ACCOUNT = the account's id), and one set of job workers beside the first.
 * A one-account world starts exactly what `startStack` does.
 *
 * @example const fleet = await startMockFleet(config, new MockWorld(community)); await fleet.synced;
 */
export async function startMockFleet(
  config: Config,
  world: MockWorld,
  options: { clock?: Clock; logger?: Logger; worker?: boolean } = {},
): Promise<MockFleet> {
  const stacks = new Map<string, Stack>();
  const ids = world.isFleet ? world.accounts.map((account) => account.id) : [world.accounts[0]!.id];
  try {
    for (const [index, id] of ids.entries()) {
      const own = world.isFleet ? { ...config, account: id } : config;
      const worker = index === 0 && options.worker !== false;
      stacks.set(id, await startStack(own, { world: world.forAccount(id), clock: options.clock, logger: options.logger, worker }));
    }
  } catch (error) {
    await Promise.allSettled([...stacks.values()].map((stack) => stack.stop()));
    throw error;
  }
  const all = [...stacks.values()];
  return {
    primary: all[0]!,
    stacks,
    synced: Promise.all(all.map((stack) => stack.bot!.synced)).then(() => undefined),
    async stop() {
      // The other accounts first, then the one with the job workers (their last sends still find a bot).
      for (const stack of all.slice(1).reverse()) await stack.stop();
      await all[0]!.stop();
    },
  };
}
