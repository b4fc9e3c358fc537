import { z } from "zod";
import { ZCommunity } from "../bot/mock-world.js";

/** Which bot message an expectation is about. Neither room nor to: any message the bot sends. */
const ZMessageMatch = z
  .object({
    /** A message in this room (scenario room id). */
    room: z.string().optional(),
    /** A private message to this member. */
    to: z.string().optional(),
    /** Sent by this account (an id of `community.accounts`). */
    via: z.string().optional(),
    contains: z.string().optional(),
    /** A regular expression. */
    matches: z.string().optional(),
  })
  .strict();

const within = z.number().int().positive().optional();

export const ZStep = z.union([
  /** `via`: the account a private message is written to (default: the first that can reach the person). */
  z.object({ from: z.string(), room: z.string().optional(), say: z.string(), via: z.string().optional() }).strict(),
  z.object({ expect: ZMessageMatch, within }).strict(),
  z.object({ notExpect: ZMessageMatch, within }).strict(),
  z.object({ join: z.string(), room: z.string(), by: z.string().optional() }).strict(),
  z.object({ leave: z.string(), room: z.string() }).strict(),
  z.object({ rename: z.string(), topic: z.string() }).strict(),
  z.object({ wait: z.number().int().nonnegative() }).strict(),
  /** An account's session ends (as when WeChat expires it) / it is logged in again. */
  z.object({ logout: z.string() }).strict(),
  z.object({ login: z.string() }).strict(),
]);

/** What keeps a run apart from everything else: the runner sets these, a scenario may not. */
export const ISOLATION_SETTINGS = ["DATABASE_URL", "REDIS_URL", "REDIS_CLUSTER_NODES", "REDIS_PREFIX", "WECHATY_PUPPET"] as const;

/** The scenario room a step names (said in, joined, left, renamed, expected in), and where. */
function roomReference(step: z.output<typeof ZStep>): { room: string; path: string[] } | undefined {
  if ("rename" in step) return { room: step.rename, path: ["rename"] };
  if ("expect" in step) return step.expect.room === undefined ? undefined : { room: step.expect.room, path: ["expect", "room"] };
  if ("notExpect" in step)
    return step.notExpect.room === undefined ? undefined : { room: step.notExpect.room, path: ["notExpect", "room"] };
  return "room" in step && step.room !== undefined ? { room: step.room, path: ["room"] } : undefined;
}

/** The account a step names (written to, expected from, logged out or in), and where. */
function accountReference(step: z.output<typeof ZStep>): { account: string; path: string[] } | undefined {
  if ("logout" in step) return { account: step.logout, path: ["logout"] };
  if ("login" in step) return { account: step.login, path: ["login"] };
  if ("say" in step) return step.via === undefined ? undefined : { account: step.via, path: ["via"] };
  const match = "expect" in step ? step.expect : "notExpect" in step ? step.notExpect : undefined;
  const key = "expect" in step ? "expect" : "notExpect";
  return match?.via === undefined ? undefined : { account: match.via, path: [key, "via"] };
}

export const ZScenario = z
  .object({
    community: ZCommunity,
    /** Environment variables for this run (see docs/configuration.md), e.g. {"QUIET_HOURS": "00:00-23:59"}. */
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /**
     * "demo": before the first step, the demo's past (src/sim/demo-history.ts: months of shop orders with
     * order lines, the catalogue, layers, tags, the recommendation model) for the community's members
     * whose ids are the demo's (alice, bob, …); other members get none.
     */
    history: z.literal("demo").optional(),
    steps: z.array(ZStep).min(1),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    for (const name of ISOLATION_SETTINGS) {
      if (scenario.settings && name in scenario.settings) {
        ctx.addIssue({
          code: "custom",
          path: ["settings", name],
          message: `cannot be set by a scenario: every run gets its own database, Redis prefix and the mock WeChat`,
        });
      }
    }
    const rooms = scenario.community.rooms.map((room) => room.id);
    const accounts = scenario.community.accounts ?? [scenario.community.bot?.id ?? "siyu-bot"];
    scenario.steps.forEach((step, index) => {
      const named = accountReference(step);
      if (named && !accounts.includes(named.account)) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", index, ...named.path],
          message: `no account "${named.account}" in the community (accounts: ${accounts.join(", ")})`,
        });
      }
      if ("say" in step && step.via !== undefined && step.room !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", index, "via"],
          message: "a room message reaches every account in the room: via names the account a private message is written to",
        });
      }
      const reference = roomReference(step);
      if (reference && !rooms.includes(reference.room)) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", index, ...reference.path],
          message: `no room "${reference.room}" in the community (rooms: ${rooms.join(", ")})`,
        });
      }
    });
  });

export type Scenario = z.input<typeof ZScenario>;
export type Step = z.output<typeof ZStep>;
export type MessageMatch = z.output<typeof ZMessageMatch>;
