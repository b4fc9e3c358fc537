// What a join came to, from the database's decision to the reply: one union, declared once.
import type { NotFound } from "../../kernel/outcomes.js";

/** Which team: the oldest open one (or a new one), always a new one (开团), or team n (参团 7-2). */
export type TeamChoice = { kind: "any" } | { kind: "new" } | { kind: "team"; number: number };

/**
 * `notFound`: no such group-buy. `noSuchTeam` stays its own word: the group-buy exists, team n of it does
 * not, and the reply names the team.
 */
export type JoinGroupBuyOutcome =
  | { kind: "joined"; teamNumber: number; seat: number; completed: boolean; chain: string }
  | NotFound
  | { kind: "ended" }
  | { kind: "notInRoom" }
  | { kind: "limitReached"; limit: number }
  | { kind: "noSuchTeam"; number: number }
  | { kind: "teamClosed"; number: number }
  | { kind: "alreadyInTeam"; number: number };
