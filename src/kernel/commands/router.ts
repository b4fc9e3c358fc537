import type { AppContext } from "../app-context.js";
import type { Member, Room } from "../db/client.js";
import { REPLY_DIGEST } from "../outbox/reply-digest.js";
import { countInWindow } from "../rate-limit.js";
import { redactForLog, snippet } from "../text/clean-text.js";
import { firstProblem } from "./args.js";
import { type ChatInput, cleanChatInput } from "./chat-input.js";
import type { AnyCommand, CommandContext, MemberLookup } from "./command.js";
import { decideRoute, limitRate, type RouteDecision, readTyped, takesNoArgs } from "./decide.js";
import { findMembersByName } from "./find-members-by-name.js";
import { renderUsage } from "./help.js";
import type { CommandMatch } from "./match.js";
import { recordAudit } from "./record-audit.js";
import { resolveRole } from "./resolve-role.js";
import type { Role } from "./roles.js";
import { routerTexts } from "./texts.js";

const SEEN_MESSAGE_TTL_S = 24 * 3600;

export const APOLOGY = routerTexts.apology;

/** Checks declarations at start-up: a clash would make a command unreachable. */
export function validateCommands(commands: readonly AnyCommand[]): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const command of commands) {
    if (!command.positional && !command.parseArgs && !takesNoArgs(command)) {
      problems.push(`${command.name}: arguments declared but neither positional nor parseArgs says how to read them`);
    }
    for (const alias of [...command.aliases.zh, ...command.aliases.en.map((a) => a.toLowerCase())]) {
      const owner = seen.get(alias);
      if (owner) problems.push(`alias "${alias}" is declared by both ${owner} and ${command.name}`);
      seen.set(alias, command.name);
    }
  }
  if (problems.length) throw new Error(`Bad command declarations:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}

/** Writes an attempt's audit line; the first outcome stands. */
type Audit = (outcome: string) => Promise<void>;

/**
 * A failure once a message is an attempt at a command: the error boundary logs `cause` under the
 * command's name and writes "error" on its audit line (a no-op when an outcome was already written).
 */
class AttemptFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly command: string,
    readonly audit: Audit,
  ) {
    super(`command ${command} failed`);
  }
}

/** Who sent a message, where, and how to answer: what the steps after the decision need. */
interface Caller {
  input: ChatInput;
  member: Member;
  room: Room | undefined;
  role: Role;
  reply: (text: string) => Promise<void>;
}

/**
 * What the router hands a private message that is no command to, instead of dropping it: the app wires
 * the service desk here (the kernel knows no feature). It answers as it sees fit (at most once a day).
 */
export type PrivateChatterHandler = (app: AppContext, chatter: { input: ChatInput; member: Member; role: Role }) => Promise<void>;

/** The logged-in account, so that a mention of the bot is never taken for a member. */
export interface BotSelf {
  wechatId: string;
  name: string;
}

/**
 * From a recorded message to a command's run, in named steps: clean the input, look it up, decide
 * without the role (most chatter ends there, no I/O), claim its first delivery, resolve the role,
 * decide, take a rate token, then audit and answer or run the handler. The decision is the pure table
 * of decide.ts; the steps here are the ones that read and write. All of it is inside one error
 * boundary: whatever fails, the member gets a short apology, never silence. The input is cleaned again
 * here (idempotent), so a caller that skipped toChatInput cannot hand a NUL to the database.
 */
export class CommandRouter {
  constructor(
    private readonly app: AppContext,
    private readonly commands: readonly AnyCommand[],
    private readonly self: () => BotSelf | undefined,
    private readonly hooks: { privateChatter?: PrivateChatterHandler } = {},
  ) {
    validateCommands(commands);
  }

  async route(typed: ChatInput, member: Member, room: Room | undefined): Promise<void> {
    const input = cleanChatInput(typed);
    // In a busy group the answer names who it is for.
    const reply = (text: string) => this.reply({ memberId: member.id }, room, room ? `@${member.name} ${text}` : text);
    try {
      await this.dispatch(input, member, room, reply);
    } catch (thrown) {
      const attempt = thrown instanceof AttemptFailed ? thrown : undefined;
      // Never the text itself: typed coupon and bind codes must not reach the logs.
      this.app.logger.error(
        {
          err: attempt ? attempt.cause : thrown,
          command: attempt?.command,
          messageId: input.messageId,
          member: member.wechatId,
          room: room?.wechatRoomId,
          length: input.text.length,
          snippet: redactForLog(input.text),
        },
        "command failed",
      );
      // The attempt is on record whatever failed, handler, parser or reply.
      await attempt?.audit("error");
      await reply(APOLOGY).catch((replyError) => this.app.logger.error({ err: replyError, member: member.wechatId }, "apology not queued"));
    }
  }

  /** The steps, in order; the table decides twice, before and after the role look-up. */
  private async dispatch(input: ChatInput, member: Member, room: Room | undefined, reply: (text: string) => Promise<void>): Promise<void> {
    const typed = readTyped(input.text, this.commands, {
      botName: this.self()?.name,
      mentionNames: input.mentions.map((m) => m.name),
      truncated: input.truncated,
    });
    const where = room ? "room" : "private";
    // Most chatter ends here, in memory: no Redis write, no database read.
    if (decideRoute(typed, { caller: "unknown yet", where, commands: this.commands }).kind === "ignore") return;
    if (!(await this.claimFirstDelivery(input.messageId))) return;
    const role = await resolveRole(this.app.db, this.app.config.ownerWechatId, member);
    const decision = decideRoute(typed, { caller: role, where, commands: this.commands });
    if (decision.kind === "ignore") return;
    // Not rate-limited: a member talking to the service desk may write fast; the handler bounds its answers.
    if (decision.kind === "privateChatter") return this.hooks.privateChatter?.(this.app, { input, member, role });
    // Every answer costs a token, refusals included: a flood of wrong commands is a flood too.
    const taken = await this.takeRateToken(member);
    await this.carryOut(limitRate(decision, taken, this.app.config.commands.perMinute), { input, member, room, role, reply });
  }

  /** Puppets redeliver a message after a reconnect: a command runs for its first delivery only. Claims it (SET NX). */
  private async claimFirstDelivery(messageId: string): Promise<boolean> {
    return (await this.app.redis.set(this.app.key("seen-message", messageId), "1", "EX", SEEN_MESSAGE_TTL_S, "NX")) === "OK";
  }

  /** Counts one more answered command for the member this minute (a Redis write); returns the count, this one included. */
  private async takeRateToken(member: Member): Promise<number> {
    const windowStart = Math.floor(this.app.clock.now().getTime() / 60_000);
    return countInWindow(this.app.redis, this.app.key("commands", member.id, windowStart), 60_000);
  }

  /** Answers a decision; an attempt at a command is audited, and its failure carries that audit line. */
  private async carryOut(decision: RouteDecision<AnyCommand>, caller: Caller): Promise<void> {
    if (!("command" in decision)) return this.answer(decision, caller.reply);
    const audit = this.auditor(decision.command, caller.member, caller.room);
    try {
      await this.attempt(decision, audit, caller);
    } catch (error) {
      throw new AttemptFailed(error, decision.command.spec.name, audit);
    }
  }

  /** The answers that are no attempt at a command: nothing is audited. */
  private async answer(
    decision: Exclude<RouteDecision<AnyCommand>, { command: unknown }>,
    reply: (text: string) => Promise<void>,
  ): Promise<void> {
    switch (decision.kind) {
      case "ignore":
      case "privateChatter":
        return;
      case "listSubcommands":
        return reply(routerTexts.afterHead(decision.head, decision.subcommands));
      case "unknown": {
        // Only a snippet of the word: the room must not become a billboard for whatever a member types.
        return reply(routerTexts.unknown(snippet(decision.word), decision.suggestion));
      }
      case "refuse":
        // Past the limit, one polite notice per window, then silence.
        if (decision.reason === "flood") return decision.notify ? reply(routerTexts.tooMany) : undefined;
        return reply(routerTexts.tooLong);
    }
  }

  /** An attempt at a command: refused (audited, then answered) or run (its outcome audited). */
  private async attempt(decision: Extract<RouteDecision<AnyCommand>, { command: unknown }>, audit: Audit, caller: Caller): Promise<void> {
    const { spec } = decision.command;
    const name = spec.aliases.zh[0] ?? spec.name;
    switch (decision.kind) {
      case "listSubcommands":
        await audit("refused: arguments");
        return caller.reply(routerTexts.misread(snippet(decision.misread), decision.head, decision.subcommands));
      case "refuse":
        await audit(`refused: ${decision.reason}`);
        if (decision.reason === "role") return caller.reply(routerTexts.notAllowed(name, spec.role));
        if (decision.reason === "scope") return caller.reply(caller.room ? routerTexts.privateOnly(name) : routerTexts.groupOnly(name));
        return caller.reply(`${firstProblem(decision.error)}\n${renderUsage(spec)}`);
      case "fail":
        throw decision.error;
      case "run": {
        const { input, member, room, role, reply } = caller;
        const ctx: CommandContext<unknown> = {
          args: decision.args,
          input,
          member,
          room,
          role,
          app: this.app,
          commands: this.commands,
          // A member command's outcome in a room goes through the digest: combined with the others in a burst.
          reply: (text, outcome) =>
            outcome && room
              ? this.app
                  .scoped(REPLY_DIGEST)
                  .submit(room.id, spec.name, { member: { id: member.id, name: member.name }, text, outcome })
                  .then(() => {})
              : reply(text),
          replyPrivately: (text) => this.reply({ memberId: member.id }, undefined, text),
          findMember: (mention) => this.findMember(mention, input, room),
        };
        const outcome = await spec.run(ctx);
        return audit(outcome || "ok");
      }
    }
  }

  /**
   * The audit line of an operator command, written once: the first outcome stands (an "error" after
   * it changes nothing). A failed write is logged, never answered: the command has run or been refused,
   * and an apology would make the operator do it again.
   */
  private auditor({ spec: command, raw }: CommandMatch<AnyCommand>, member: Member, room: Room | undefined): Audit {
    let written = command.role === "member";
    return async (outcome) => {
      if (written) return;
      written = true;
      await recordAudit(this.app.db, { actorId: member.id, roomId: room?.id, command: command.name, args: raw.text, outcome }).catch(
        (error) => this.app.logger.error({ err: error, command: command.name, member: member.wechatId, outcome }, "audit not written"),
      );
    };
  }

  private async reply(to: { memberId: number }, room: Room | undefined, text: string): Promise<void> {
    await this.app.outbox.send({ kind: "reply", to: room ? { roomId: room.id } : to, text });
  }

  private async findMember(mention: string, input: ChatInput, room: Room | undefined): Promise<MemberLookup> {
    const name = mention.replace(/^@/, "");
    // "@Siyu 授权 @张三 运营" with 张三 typed, not picked: the one real mention is the bot, not the target.
    const selfId = this.self()?.wechatId;
    const others = input.mentions.filter((m) => m.wechatId !== selfId);
    const mentioned = others.find((m) => m.name === name) ?? (others.length === 1 && room ? others[0] : undefined);
    const db = this.app.db;
    if (mentioned) {
      const member = await db.member.upsert({
        where: { wechatId: mentioned.wechatId },
        create: { wechatId: mentioned.wechatId, name: mentioned.name },
        update: {},
      });
      return { kind: "found", member, role: await resolveRole(db, this.app.config.ownerWechatId, member) };
    }
    const matches = await findMembersByName(db, name, room?.id);
    if (matches.length === 0) return { kind: "notFound", name };
    // Those in this room come first; two of the same name there (or nowhere) is a guess we do not make.
    const inRoom = matches.filter((m) => m.memberships.length > 0);
    const candidates = inRoom.length > 0 ? inRoom : matches;
    if (candidates.length > 1) return { kind: "ambiguous", name, count: candidates.length };
    const member = candidates[0]!;
    return { kind: "found", member, role: await resolveRole(db, this.app.config.ownerWechatId, member) };
  }
}
