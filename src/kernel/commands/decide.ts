// The routing decision as one table: from what was typed, who typed it (or "unknown yet") and where, to
// the one thing the router does with it. Pure: no database, no Redis, no replies; the router renders
// the texts and runs the steps that write (the first-delivery claim, the rate token, the audit line).
import type { z } from "zod";
import { isPolite, trimEndOf } from "./args.js";
import { type CommandLookup, type CommandMatch, lookupCommand, normalizeText, positionalArgs } from "./match.js";
import { hasRole, ROLES, type Role } from "./roles.js";
import type { CommandSpec, RawArgs } from "./spec.js";
import { subcommandsOf, suggestAlias } from "./suggest.js";

/**
 * A command's arguments read from what was typed. A command without arguments takes only courtesy
 * after it (「退订 谢谢」); other words make it `extra` (a question about it, or a mistyped subcommand).
 * A parser that throws is `broken`: an unexpected error, answered by the router's error boundary.
 */
export type ArgsReading =
  | { kind: "ok"; data: unknown }
  | { kind: "extra" }
  | { kind: "invalid"; error: z.ZodError }
  | { kind: "broken"; error: unknown };

/** What was typed, read once before any decision. A message over the limit is never parsed. */
export type Typed<S extends CommandSpec = CommandSpec> =
  | { kind: "tooLong"; lookup: CommandLookup<S> }
  /** `bareHead`: the message is one word (「召回」「券？」), which may head a family of subcommands. */
  | { kind: "chatter"; bareHead?: string }
  | { kind: "unknown"; word: string }
  | { kind: "command"; match: CommandMatch<S>; args: ArgsReading };

export type Where = "room" | "private";

export interface Situation<S extends CommandSpec = CommandSpec> {
  /** The caller's role; "unknown yet" before its look-up (a database read). */
  caller: Role | "unknown yet";
  where: Where;
  /** Every command; a caller sees those its role may run. */
  commands: readonly S[];
}

/** One decision per message. `command` is set when it is an attempt at a command: that is audited. */
export type RouteDecision<S extends CommandSpec = CommandSpec> =
  /** Chatter: never answered. */
  | { kind: "ignore" }
  /** A private message that is no command: addressed to the bot, handed to the private-chatter handler (the service desk). */
  | { kind: "privateChatter" }
  /** A head word typed alone (「召回」, #flash): what may follow it. */
  | { kind: "listSubcommands"; head: string; subcommands: string[] }
  /** 「秒杀 新增 …」: `misread` is no subcommand of the command's alias, the family is listed. */
  | { kind: "listSubcommands"; head: string; subcommands: string[]; misread: string; command: CommandMatch<S> }
  /** An unknown #word, with the alias it most likely meant among those the caller may run. */
  | { kind: "unknown"; word: string; suggestion?: string }
  | { kind: "refuse"; reason: "tooLong" }
  /** Past the per-minute limit: `notify` for the first refusal of the window only, then silence. */
  | { kind: "refuse"; reason: "flood"; notify: boolean }
  | { kind: "refuse"; reason: "role"; command: CommandMatch<S> }
  | { kind: "refuse"; reason: "scope"; command: CommandMatch<S> }
  | { kind: "refuse"; reason: "arguments"; command: CommandMatch<S>; error: z.ZodError }
  | { kind: "run"; command: CommandMatch<S>; args: unknown }
  /** The argument parser threw: the error boundary apologises (and audits "error"). */
  | { kind: "fail"; command: CommandMatch<S>; error: unknown };

/** Before the role is known: chatter no caller would get an answer to is dropped; anything else needs the role. */
export type EarlyDecision = { kind: "ignore" } | { kind: "needsRole" };

const IGNORE = { kind: "ignore" } as const;
const PRIVATE_CHATTER = { kind: "privateChatter" } as const;

/** Whether a command is declared with no arguments (`z.object({})`). */
export function takesNoArgs(spec: CommandSpec): boolean {
  const shape = (spec.args as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && Object.keys(shape).length === 0;
}

/** Reads a command's arguments; never throws (a throwing parser is `broken`). */
export function readArgs(spec: CommandSpec, raw: RawArgs): ArgsReading {
  try {
    if (takesNoArgs(spec) && !isPolite(raw.text)) return { kind: "extra" };
    const parsed = spec.args.safeParse(spec.parseArgs ? spec.parseArgs(raw) : positionalArgs(raw, spec.positional));
    return parsed.success ? { kind: "ok", data: parsed.data } : { kind: "invalid", error: parsed.error };
  } catch (error) {
    return { kind: "broken", error };
  }
}

/** The first word of a bare message, closing marks and all: 「召回」「券？」 → 召回, 券. */
function bareHeadOf(text: string): string | undefined {
  // Closing marks cut by a scan: an unanchored `[…]+$` retries from every mark of a long run.
  const words = trimEndOf(normalizeText(text), "。！？!?").split(" ");
  return words.length === 1 && words[0] ? words[0] : undefined;
}

/**
 * What a message asks for, read once: the command looked up (a leading mention of the bot stripped) and
 * its arguments, unless the message was over the limit.
 *
 * @example readTyped("退订 是什么意思", commands) // { kind: "command", match: { spec: unsubscribe, … }, args: { kind: "extra" } }
 */
export function readTyped<S extends CommandSpec>(
  text: string,
  commands: readonly S[],
  options: { botName?: string; mentionNames?: readonly string[]; truncated?: boolean } = {},
): Typed<S> {
  const lookup = lookupCommand(text, commands, options.botName, options.mentionNames);
  if (options.truncated) return { kind: "tooLong", lookup };
  if (lookup.kind === "chatter") return { kind: "chatter", bareHead: bareHeadOf(text) };
  if (lookup.kind === "unknown") return lookup;
  return { kind: "command", match: lookup.match, args: readArgs(lookup.match.spec, lookup.match.raw) };
}

/**
 * The routing table. With the caller's role: the one decision. With the role "unknown yet" (the first
 * phase, before a database read): the same table asked for every role, "ignore" only when each role
 * would be ignored, so no message that some caller gets an answer to is dropped early.
 *
 * @example decideRoute(readTyped("状态", commands), { caller: "member", where: "room", commands }) // { kind: "ignore" }
 */
export function decideRoute<S extends CommandSpec>(typed: Typed<S>, situation: Situation<S> & { caller: Role }): RouteDecision<S>;
export function decideRoute<S extends CommandSpec>(typed: Typed<S>, situation: Situation<S>): RouteDecision<S> | EarlyDecision;
export function decideRoute<S extends CommandSpec>(typed: Typed<S>, situation: Situation<S>): RouteDecision<S> | EarlyDecision {
  const { caller, where, commands } = situation;
  if (caller !== "unknown yet") return addressed(decideFor(typed, caller, where, commands), where);
  return ROLES.some((role) => addressed(decideFor(typed, role, where, commands), where).kind !== "ignore") ? { kind: "needsRole" } : IGNORE;
}

/** In a private chat everything is addressed to the bot: what a room would ignore goes to the private-chatter handler. */
function addressed<S extends CommandSpec>(decision: RouteDecision<S>, where: Where): RouteDecision<S> {
  return decision.kind === "ignore" && where === "private" ? PRIVATE_CHATTER : decision;
}

/**
 * Flood control over a decision that answers, once its rate token is taken: `taken` is the caller's
 * count this minute, this message included.
 */
export function limitRate<S extends CommandSpec>(decision: RouteDecision<S>, taken: number, perMinute: number): RouteDecision<S> {
  if (decision.kind === "ignore" || decision.kind === "privateChatter" || taken <= perMinute) return decision;
  return { kind: "refuse", reason: "flood", notify: taken === perMinute + 1 };
}

function decideFor<S extends CommandSpec>(typed: Typed<S>, caller: Role, where: Where, commands: readonly S[]): RouteDecision<S> {
  const visible = commands.filter((c) => hasRole(caller, c.role));
  switch (typed.kind) {
    case "tooLong":
      return decideTooLong(typed.lookup, caller);
    case "chatter": {
      // An operator's bare 「召回」「券」 starts a command: what may follow it is the answer.
      const { bareHead } = typed;
      const subcommands = bareHead === undefined ? [] : subcommandsOf(bareHead, visible);
      return bareHead !== undefined && subcommands.length ? { kind: "listSubcommands", head: bareHead, subcommands } : IGNORE;
    }
    case "unknown": {
      const subcommands = subcommandsOf(typed.word, visible);
      if (subcommands.length) return { kind: "listSubcommands", head: `#${typed.word}`, subcommands };
      return { kind: "unknown", word: typed.word, suggestion: suggestAlias(typed.word, visible) };
    }
    case "command":
      return decideCommand(typed.match, typed.args, caller, where, visible);
  }
}

/**
 * A message over MAX_CHAT_TEXT is never parsed. A deliberate command (a #, or the word of a command
 * with arguments the caller may run) gets one short line; anything else is chatter.
 */
function decideTooLong<S extends CommandSpec>(lookup: CommandLookup<S>, caller: Role): RouteDecision<S> {
  if (lookup.kind === "chatter") return IGNORE;
  // 「退订 …」 with a long text after is talk about it, as it is below the limit.
  if (lookup.kind === "command" && !lookup.match.hashed && (takesNoArgs(lookup.match.spec) || !hasRole(caller, lookup.match.spec.role)))
    return IGNORE;
  return { kind: "refuse", reason: "tooLong" };
}

function decideCommand<S extends CommandSpec>(
  match: CommandMatch<S>,
  args: ArgsReading,
  caller: Role,
  where: Where,
  visible: readonly S[],
): RouteDecision<S> {
  const { spec } = match;
  if (!match.hashed) {
    // Members say 确认, 状态, 标签 … in conversation: a bare operator alias below its role is chatter.
    if (!hasRole(caller, spec.role)) return IGNORE;
    // As is a member's command word opening a sentence (「退订 是什么意思」「抢 不到啊」) when no
    // subcommand this caller may run hangs under the word.
    if (spec.role === "member" && args.kind === "broken") return { kind: "fail", command: match, error: args.error };
    if (spec.role === "member" && args.kind !== "ok" && !subcommandsOf(match.alias, visible).length) return IGNORE;
  }
  if (!hasRole(caller, spec.role)) return { kind: "refuse", reason: "role", command: match };
  if ((spec.scope === "group" && where === "private") || (spec.scope === "private" && where === "room"))
    return { kind: "refuse", reason: "scope", command: match };
  if (args.kind === "ok") return { kind: "run", command: match, args: args.data };
  if (args.kind === "broken") return { kind: "fail", command: match, error: args.error };
  // 「日历 添加 …」「秒杀 新增 …」: a mistyped subcommand, not extra words for the shorter command.
  // Nothing typed after the head (a bare 「#推送」) is a missing argument: the usage, not a guess.
  const [misread] = match.raw.words;
  const subcommands = misread === undefined ? [] : subcommandsOf(match.alias, visible);
  if (misread !== undefined && subcommands.length)
    return { kind: "listSubcommands", head: match.alias, subcommands, misread, command: match };
  if (args.kind === "invalid") return { kind: "refuse", reason: "arguments", command: match, error: args.error };
  // Extra words after a deliberate command (「#退订 是什么意思」, an operator's 「状态 呢」) change nothing: it runs.
  return { kind: "run", command: match, args: {} };
}
