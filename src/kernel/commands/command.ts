import type { z } from "zod";
import type { AppContext } from "../app-context.js";
import type { Member, Room } from "../db/client.js";
import type { ReplyOutcome } from "../outbox/combine-replies.js";
import { noArgs } from "./args.js";
import type { ChatInput } from "./chat-input.js";
import type { Role } from "./roles.js";
import type { CommandSpec, Scope } from "./spec.js";

/** A member named in a command: found, or why not. */
export type MemberLookup =
  | { kind: "found"; member: Member; role: Role }
  | { kind: "notFound"; name: string }
  | { kind: "ambiguous"; name: string; count: number };

/** What a command handler gets: its parsed arguments, who and where, and the app. */
export interface CommandContext<A> {
  args: A;
  input: ChatInput;
  member: Member;
  room?: Room;
  role: Role;
  app: AppContext;
  commands: readonly CommandSpec[];
  /**
   * Answers in the conversation the command came from. With `outcome` (a member command's result, as
   * 抢, 领券 and 参团 give), a room's replies of this command in a burst are combined into one message
   * per window naming everyone (kernel/outbox/reply-digest.ts); a lone one is `text`, at once.
   */
  reply(text: string, outcome?: ReplyOutcome): Promise<void>;
  /** Answers in the member's private chat, wherever the command came from. */
  replyPrivately(text: string): Promise<void>;
  /** Finds the member meant by "@Alice" (a real mention in a room, or a name typed privately). */
  findMember(mention: string): Promise<MemberLookup>;
}

/** The handler's word for the audit log: "ok" by default. */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that says nothing returns Promise<void>, and that means "ok".
export type CommandResult = string | void;

export interface Command<A = unknown> extends CommandSpec<A> {
  run(ctx: CommandContext<A>): Promise<CommandResult>;
}

/** A command of any argument type, as lists of commands hold them. */
// biome-ignore lint/suspicious/noExplicitAny: argument types differ per command; each handler is checked against its own schema.
export type AnyCommand = Command<any>;

type NoArgs = Record<string, never>;
const NO_ARGS = noArgs as unknown as z.ZodType<NoArgs>;

/** A declaration: `scope` defaults to both; a command without arguments leaves out `args`. */
type Declaration<A> = Omit<Command<A>, "scope" | "args"> & { scope?: Scope };

/**
 * Declares a command. Help, the usage line, docs/commands.md's table and the router all read the declaration.
 *
 * @example
 * export const unsubscribe = defineCommand({
 *   name: "unsubscribe", aliases: { zh: ["退订"], en: ["unsubscribe"] }, usage: "退订",
 *   help: "不再接收推送", role: "member",
 *   run: async (ctx) => { … },
 * });
 */
export function defineCommand<A = NoArgs>(command: Declaration<NoInfer<A>> & { args?: z.ZodType<A> }): Command<A> {
  return { ...command, scope: command.scope ?? "both", args: command.args ?? (NO_ARGS as unknown as z.ZodType<A>) };
}
