import { randomUUID } from "node:crypto";
import { type BotMessage, MockWorld } from "../bot/mock-world.js";
import { loadConfig } from "../kernel/config.js";
import { createScratchDatabase } from "../kernel/db/admin.js";
import { createRedis, deleteKeysUnder } from "../kernel/redis.js";
import { seedDemoHistory } from "./demo-history.js";
import type { MessageMatch, Scenario, Step } from "./scenario.js";
import { ZScenario } from "./scenario.js";
import { startMockFleet } from "./start-mock-fleet.js";
import { TEST_SPEED_ENV } from "./test-speed.js";

export interface TranscriptLine {
  t: string;
  dir: "in" | "out";
  room: string | null;
  from?: string;
  to?: string | null;
  /** The account that sent it (out), was written to privately, or logged out or in. */
  via?: string;
  event?: "join" | "leave" | "rename" | "logout" | "login";
  text: string;
}

export interface ScenarioResult {
  passed: boolean;
  failures: string[];
  transcript: TranscriptLine[];
}

const DEFAULT_EXPECT_MS = 5000;
const DEFAULT_NOT_EXPECT_MS = 1500;

interface Sent extends BotMessage {
  at: number;
  /** The index of the last action step (say, join, …) before the message left. */
  afterAction: number;
  consumed: boolean;
}

function describe(match: MessageMatch): string {
  const where = `${match.room ? `in room ${match.room}` : match.to ? `to ${match.to}` : "anywhere"}${match.via ? ` via ${match.via}` : ""}`;
  const what = [match.contains && `containing "${match.contains}"`, match.matches && `matching /${match.matches}/`]
    .filter(Boolean)
    .join(" and ");
  return `${where}${what ? ` ${what}` : ""}`;
}

function matcher(match: MessageMatch) {
  const pattern = match.matches ? new RegExp(match.matches) : undefined;
  return (message: Sent) =>
    (match.room === undefined || message.room === match.room) &&
    (match.to === undefined || message.to === match.to) &&
    (match.via === undefined || message.via === match.via) &&
    (match.contains === undefined || message.text.includes(match.contains)) &&
    (pattern === undefined || pattern.test(message.text));
}

/**
 * Runs a scenario against the whole stack (bot + worker on the mock puppet) with a fresh database
 * and Redis prefix, and reports every expectation that did not hold.
 *
 * @example const { passed } = await runScenario(JSON.parse(file), { onLine: (l) => console.log(JSON.stringify(l)) })
 */
export async function runScenario(
  input: Scenario,
  options: { env?: Record<string, string | undefined>; onLine?: (line: TranscriptLine) => void } = {},
): Promise<ScenarioResult> {
  const scenario = ZScenario.parse(input);
  const baseEnv = options.env ?? process.env;
  const baseConfig = loadConfig({ ...baseEnv });
  const database = await createScratchDatabase(baseConfig.databaseUrl, "sim");
  const prefix = `siyu-sim-${randomUUID()}`;
  const settings = Object.fromEntries(Object.entries(scenario.settings ?? {}).map(([k, v]) => [k, String(v)]));
  const config = loadConfig({
    ...baseEnv,
    ...TEST_SPEED_ENV,
    ...(baseEnv.LOG_LEVEL ? { LOG_LEVEL: baseEnv.LOG_LEVEL } : {}),
    OWNER_WECHAT_ID: scenario.community.owner,
    ...settings,
    // Last, so nothing overrides what keeps the run apart (the schema refuses them in settings too).
    DATABASE_URL: database.url,
    REDIS_PREFIX: prefix,
    WECHATY_PUPPET: "mock",
  });

  const transcript: TranscriptLine[] = [];
  const emit = (line: Omit<TranscriptLine, "t">) => {
    const full = { t: new Date().toISOString(), ...line };
    transcript.push(full);
    options.onLine?.(full);
  };
  const sent: Sent[] = [];
  const waiters = new Set<() => void>();
  let lastAction = -1;
  const failures: string[] = [];

  const world = new MockWorld(scenario.community);
  world.onBotMessage((message) => {
    sent.push({ ...message, at: Date.now(), afterAction: lastAction, consumed: false });
    emit({ dir: "out", room: message.room ?? null, to: message.to ?? null, via: message.via, text: message.text });
    for (const wake of waiters) wake();
  });

  const fleet = await startMockFleet(config, world);
  try {
    await fleet.synced;
    // The past can only be written once the login's room sync has recorded the members.
    if (scenario.history === "demo") await seedDemoHistory(fleet.primary.app);
    for (const [index, step] of scenario.steps.entries()) {
      const failure = await runStep(step, index);
      if (failure) failures.push(`step ${index + 1}: ${failure}`);
    }
  } finally {
    await fleet.stop().catch(() => undefined);
    const redis = createRedis(config.redis);
    await deleteKeysUnder(redis, prefix).finally(() => redis.disconnect());
    await database.drop();
  }
  return { passed: failures.length === 0, failures, transcript };

  async function waitFor(found: () => Sent | undefined, ms: number): Promise<Sent | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = found();
      if (hit || Date.now() >= deadline) return hit;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, deadline - Date.now());
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  async function runStep(step: Step, index: number): Promise<string | undefined> {
    if ("say" in step) {
      lastAction = index;
      const via = world.say(step.from, step.say, step.room, step.via);
      emit({ dir: "in", room: step.room ?? null, from: step.from, ...(step.room ? {} : { via }), text: step.say });
      return undefined;
    }
    if ("logout" in step) {
      lastAction = index;
      emit({ dir: "in", room: null, via: step.logout, event: "logout", text: "" });
      await world.logout(step.logout);
      return undefined;
    }
    if ("login" in step) {
      lastAction = index;
      emit({ dir: "in", room: null, via: step.login, event: "login", text: "" });
      world.login(step.login);
      return undefined;
    }
    if ("join" in step) {
      lastAction = index;
      emit({ dir: "in", room: step.room, from: step.join, event: "join", text: "" });
      world.join(step.join, step.room, step.by);
      return undefined;
    }
    if ("leave" in step) {
      lastAction = index;
      emit({ dir: "in", room: step.room, from: step.leave, event: "leave", text: "" });
      world.leave(step.leave, step.room);
      return undefined;
    }
    if ("rename" in step) {
      lastAction = index;
      emit({ dir: "in", room: step.rename, from: scenario.community.owner, event: "rename", text: step.topic });
      world.rename(step.rename, step.topic);
      return undefined;
    }
    if ("wait" in step) {
      await new Promise((resolve) => setTimeout(resolve, step.wait));
      return undefined;
    }
    if ("expect" in step) {
      const test = matcher(step.expect);
      const hit = await waitFor(() => sent.find((m) => !m.consumed && test(m)), step.within ?? DEFAULT_EXPECT_MS);
      if (!hit) return `expected a message ${describe(step.expect)} within ${step.within ?? DEFAULT_EXPECT_MS} ms; none came`;
      hit.consumed = true;
      return undefined;
    }
    const test = matcher(step.notExpect);
    const since = lastAction;
    const ms = step.within ?? DEFAULT_NOT_EXPECT_MS;
    const hit = await waitFor(() => sent.find((m) => !m.consumed && m.afterAction >= since && test(m)), ms);
    return hit ? `expected no message ${describe(step.notExpect)} within ${ms} ms; got "${hit.text}"` : undefined;
  }
}
