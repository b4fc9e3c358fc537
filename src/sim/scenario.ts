import { z } from "zod";
import { ZCommunity } from "../bot/mock-world.js";

/** Which bot message an expectation is about. Neither room nor to: any message the bot sends. */
const ZMessageMatch = z
  .object({
    /** A message in this room (scenario room id). */
    room: z.string().optional(),
    /** A private message to this member. */
    to: z.string().optional(),
    contains: z.string().optional(),
    /** A regular expression. */
    matches: z.string().optional(),
  })
  .strict();

const within = z.number().int().positive().optional();

export const ZStep = z.union([
  z.object({ from: z.string(), room: z.string().optional(), say: z.string() }).strict(),
  z.object({ expect: ZMessageMatch, within }).strict(),
  z.object({ notExpect: ZMessageMatch, within }).strict(),
  z.object({ join: z.string(), room: z.string(), by: z.string().optional() }).strict(),
  z.object({ leave: z.string(), room: z.string() }).strict(),
  z.object({ rename: z.string(), topic: z.string() }).strict(),
  z.object({ wait: z.number().int().nonnegative() }).strict(),
]);

export const ZScenario = z
  .object({
    community: ZCommunity,
    /** Environment variables for this run (see README's configuration table), e.g. {"QUIET_HOURS": "00:00-23:59"}. */
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    steps: z.array(ZStep).min(1),
  })
  .strict();

export type Scenario = z.input<typeof ZScenario>;
export type Step = z.output<typeof ZStep>;
export type MessageMatch = z.output<typeof ZMessageMatch>;
