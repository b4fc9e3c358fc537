import type { MockWorld } from "../bot/mock-world.js";
import type { Config } from "../kernel/config.js";
import type { Logger } from "../kernel/logger.js";
import type { Clock } from "../kernel/time/clock.js";
import { type Stack, startStack } from "../main/stack.js";

export interface MockFleet {
  /** The first account's stack (in a one-account world, its bot and the job workers). */
  primary: Stack;
  /** Every account's stack by account id, the first included. */
  stacks: Map<string, Stack>;
  /** The stack running the job workers: `primary` in a one-account world, else one of its own. */
  jobs?: Stack;
  /** Resolves when every account's first login has synced its rooms. */
  synced: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole fleet of a mock world in one process: one bot per account, as production runs one bot
 * process per account (BOT_ACCOUNT = the account's id), then the job workers, as a worker process of
 * their own (started last, so the fleet check never finds an account whose bot has not started yet).
 * A one-account world starts exactly what `startStack` does.
 *
 * @example const fleet = await startMockFleet(config, new MockWorld(community)); await fleet.synced;
 */
export async function startMockFleet(
  config: Config,
  world: MockWorld,
  options: { clock?: Clock; logger?: Logger; worker?: boolean } = {},
): Promise<MockFleet> {
  const { clock, logger } = options;
  if (!world.isFleet) {
    const stack = await startStack(config, { world, clock, logger, worker: options.worker });
    return {
      primary: stack,
      stacks: new Map([[world.accounts[0]!.id, stack]]),
      jobs: options.worker === false ? undefined : stack,
      synced: stack.bot!.synced,
      stop: () => stack.stop(),
    };
  }
  const stacks = new Map<string, Stack>();
  let jobs: Stack | undefined;
  const first = world.accounts[0]!.id;
  try {
    for (const { id } of world.accounts) {
      stacks.set(id, await startStack({ ...config, account: id }, { world: world.forAccount(id), clock, logger, worker: false }));
    }
    if (options.worker !== false) jobs = await startStack({ ...config, account: first }, { bot: false, clock, logger });
  } catch (error) {
    await Promise.allSettled([...stacks.values()].map((stack) => stack.stop()));
    throw error;
  }
  const bots = [...stacks.values()];
  return {
    primary: bots[0]!,
    stacks,
    jobs,
    synced: Promise.all(bots.map((stack) => stack.bot!.synced)).then(() => undefined),
    async stop() {
      // The bots first (their messages in hand still answered), then the jobs.
      for (const stack of bots.reverse()) await stack.stop();
      await jobs?.stop();
    },
  };
}
