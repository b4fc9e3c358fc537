import type { AppContext } from "../app-context.js";
import type { Member, Room } from "../db/client.js";
import { countInWindow } from "../rate-limit.js";
import { firstProblem, isPolite, trimEndOf } from "./args.js";
import { renderUsage } from "./help.js";
import type { z } from "zod";
import { lookupCommand, normalizeText, positionalArgs } from "./match.js";
import { hasRole, ROLE_LABELS } from "./roles.js";
import { subcommandsOf, suggestAlias } from "./suggest.js";
import type { RawArgs } from "./spec.js";
import { recordAudit } from "./record-audit.js";
import { findMembersByName } from "./find-members-by-name.js";
import { resolveRole } from "./resolve-role.js";
import { MAX_CHAT_TEXT, redactForLog, snippet } from "../text/clean-text.js";
import { cleanChatInput, type ChatInput } from "./chat-input.js";
import type { AnyCommand, CommandContext, MemberLookup } from "./command.js";

const SEEN_MESSAGE_TTL_S = 24 * 3600;

export const APOLOGY = "抱歉，出了点问题，请稍后再试。/ Sorry, something went wrong.";
export const TOO_LONG = `消息太长了，命令请控制在 ${MAX_CHAT_TEXT} 字以内。/ Message too long.`;

/** Checks declarations at start-up: a clash would make a command unreachable. */
export function validateCommands(commands: readonly AnyCommand[]): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const command of commands) {
    if (!command.positional && !command.parseArgs && !isEmptyObjectSchema(command)) {
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

/**
 * A command's arguments read from what was typed. A command without arguments takes only courtesy
 * after it (「退订 谢谢」); other words make it `extra` (a question about it, or a mistyped subcommand).
 */
type ReadArgs = { kind: "ok"; data: unknown } | { kind: "extra" } | { kind: "invalid"; error: z.ZodError };

function readArgs(command: AnyCommand, raw: RawArgs): ReadArgs {
  if (isEmptyObjectSchema(command) && !isPolite(raw.text)) return { kind: "extra" };
  const parsed = command.args.safeParse(command.parseArgs ? command.parseArgs(raw) : positionalArgs(raw, command.positional));
  return parsed.success ? { kind: "ok", data: parsed.data } : { kind: "invalid", error: parsed.error };
}

/** The first word of a bare message, closing marks and all: 「召回」「券？」 → 召回, 券. */
function bareHead(text: string): string | undefined {
  // Closing marks cut by a scan: an unanchored `[…]+$` retries from every mark of a long run.
  const words = trimEndOf(normalizeText(text), "。！？!?").split(" ");
  return words.length === 1 && words[0] ? words[0] : undefined;
}

function afterHead(head: string, subcommands: readonly string[]): string {
  return `「${head}」后面要接：${subcommands.join("、")}。发送「帮助」查看用法。/ Add a subcommand.`;
}

function isEmptyObjectSchema(command: AnyCommand): boolean {
  const shape = (command.args as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && Object.keys(shape).length === 0;
}

/** What the error boundary learns as a message is routed: the command, and its audit once there is one. */
interface RouteContext {
  command?: string;
  audit?: (outcome: string) => Promise<void>;
}

/** The logged-in account, so that a mention of the bot is never taken for a member. */
export interface BotSelf {
  wechatId: string;
  name: string;
}

/**
 * From a recorded message to a command's run: lookup, role, flood control, scope, arguments, the
 * handler and the audit line of operator commands, all inside one error boundary: whatever fails,
 * the member gets a short apology, never silence. The input is cleaned again here (idempotent), so a
 * caller that skipped toChatInput cannot hand a NUL to the database.
 */
export class CommandRouter {
  constructor(
    private readonly app: AppContext,
    private readonly commands: readonly AnyCommand[],
    private readonly self: () => BotSelf | undefined,
  ) {
    validateCommands(commands);
    this.staffCommands = commands.filter((c) => c.role !== "member");
  }

  private readonly staffCommands: readonly AnyCommand[];

  async route(typed: ChatInput, member: Member, room: Room | undefined): Promise<void> {
    const input = cleanChatInput(typed);
    // In a busy group the answer names who it is for.
    const reply = (text: string) => this.reply({ memberId: member.id }, room, room ? `@${member.name} ${text}` : text);
    const context: RouteContext = {};
    try {
      await this.dispatch(input, member, room, reply, context);
    } catch (error) {
      // Never the text itself: typed coupon and bind codes must not reach the logs.
      this.app.logger.error(
        {
          err: error,
          command: context.command,
          messageId: input.messageId,
          member: member.wechatId,
          room: room?.wechatRoomId,
          length: input.text.length,
          snippet: redactForLog(input.text),
        },
        "command failed",
      );
      // The attempt is on record whatever failed, handler, parser or reply.
      await context.audit?.("error");
      await reply(APOLOGY).catch((replyError) => this.app.logger.error({ err: replyError, member: member.wechatId }, "apology not queued"));
    }
  }

  private async dispatch(input: ChatInput, member: Member, room: Room | undefined, reply: (text: string) => Promise<void>, context: RouteContext): Promise<void> {
    const lookup = lookupCommand(input.text, this.commands, this.self()?.name, input.mentions.map((m) => m.name));
    if (input.truncated) return this.answerTooLong(input, member, lookup, reply);
    // An operator's bare 「召回」「券」 starts a command: what may follow it is the answer. Checked in
    // memory first, so ordinary chatter costs no role look-up.
    const head = lookup.kind === "chatter" ? bareHead(input.text) : undefined;
    if (lookup.kind === "chatter" && !(head && subcommandsOf(head, this.staffCommands).length)) return;
    // Read when first needed, so that an operator command's failing parser runs after its audit is set up.
    let parsed: ReadArgs | undefined;
    const readOnce = (): ReadArgs => (parsed ??= lookup.kind === "command" ? readArgs(lookup.match.spec, lookup.match.raw) : { kind: "extra" });
    // A member's command word opening a sentence (「退订 是什么意思」「抢 不到啊」) is chatter too, decided
    // here in memory when no operator subcommand hangs under the word.
    if (lookup.kind === "command" && !lookup.match.hashed && lookup.match.spec.role === "member" && readOnce().kind !== "ok" && !subcommandsOf(lookup.match.alias, this.staffCommands).length) return;
    // Puppets redeliver a message after a reconnect: a command runs for its first delivery only.
    if (!(await this.firstDelivery(input.messageId))) return;

    const role = await resolveRole(this.app.db, this.app.config.ownerWechatId, member);
    const visible = this.commands.filter((c) => hasRole(role, c.role));
    if (lookup.kind === "chatter") {
      const subcommands = subcommandsOf(head!, visible);
      if (subcommands.length && (await this.withinRate(member, reply))) await reply(afterHead(head!, subcommands));
      return;
    }
    if (lookup.kind === "command" && !lookup.match.hashed) {
      const { spec } = lookup.match;
      // Members say 确认, 状态, 标签 … in conversation: a bare operator alias below its role is chatter.
      if (!hasRole(role, spec.role)) return;
      // As is a command word opening a sentence whose subcommands this caller may not run.
      if (spec.role === "member" && readOnce().kind !== "ok" && !subcommandsOf(lookup.match.alias, visible).length) return;
    }
    if (!(await this.withinRate(member, reply))) return;

    if (lookup.kind === "unknown") {
      const subcommands = subcommandsOf(lookup.word, visible);
      if (subcommands.length) return reply(afterHead(`#${lookup.word}`, subcommands));
      const suggestion = suggestAlias(lookup.word, visible);
      // Only a snippet of the word: the room must not become a billboard for whatever a member types.
      const word = snippet(lookup.word);
      await reply(
        suggestion
          ? `没有「#${word}」这个命令，你是不是想输入「#${suggestion}」？发送「帮助」查看全部命令。`
          : `没有「#${word}」这个命令。发送「帮助」查看可用命令。/ Unknown command, send #help.`,
      );
      return;
    }

    const { spec: command, raw } = lookup.match;
    context.command = command.name;
    const audit = (context.audit = this.auditor(command, raw, member, room));

    if (!hasRole(role, command.role)) {
      await audit("refused: role");
      return reply(`没有权限：「${command.aliases.zh[0]}」需要${ROLE_LABELS[command.role]}权限。/ Not allowed.`);
    }
    if ((command.scope === "group" && !room) || (command.scope === "private" && room)) {
      await audit("refused: scope");
      return reply(
        room
          ? `「${command.aliases.zh[0]}」请私聊我使用。/ Send it to me privately.`
          : `「${command.aliases.zh[0]}」请在群里使用。/ Use it in a group.`,
      );
    }

    const args = readOnce();
    if (args.kind !== "ok") {
      // 「日历 添加 …」「秒杀 新增 …」: a mistyped subcommand, not extra words for the shorter command.
      // Nothing typed after the head (a bare 「#推送」) is a missing argument: the usage below, not a guess.
      const subcommands = raw.words.length ? subcommandsOf(lookup.match.alias, visible) : [];
      if (subcommands.length) {
        await audit("refused: arguments");
        return reply(`看不懂「${snippet(raw.words[0]!)}」。${afterHead(lookup.match.alias, subcommands)}`);
      }
      if (args.kind === "invalid") {
        await audit("refused: arguments");
        return reply(`${firstProblem(args.error)}\n${renderUsage(command)}`);
      }
    }

    const ctx: CommandContext<unknown> = {
      args: args.kind === "ok" ? args.data : {},
      input,
      member,
      room,
      role,
      app: this.app,
      commands: this.commands,
      reply,
      replyPrivately: (text) => this.reply({ memberId: member.id }, undefined, text),
      findMember: (mention) => this.findMember(mention, input, room),
    };
    const outcome = await command.run(ctx);
    await audit(outcome || "ok");
  }

  /**
   * The audit line of an operator command, written once: the first outcome stands (an "error" after
   * it changes nothing). A failed write is logged, never answered: the command has run or been refused,
   * and an apology would make the operator do it again.
   */
  private auditor(command: AnyCommand, raw: RawArgs, member: Member, room: Room | undefined): (outcome: string) => Promise<void> {
    let written = command.role === "member";
    return async (outcome) => {
      if (written) return;
      written = true;
      await recordAudit(this.app.db, { actorId: member.id, roomId: room?.id, command: command.name, args: raw.text, outcome }).catch((error) =>
        this.app.logger.error({ err: error, command: command.name, member: member.wechatId, outcome }, "audit not written"),
      );
    };
  }

  /**
   * A message over MAX_CHAT_TEXT is never parsed. A deliberate command (a #, or the word of a command
   * with arguments the caller may run) gets one short line; anything else is chatter, recorded only.
   */
  private async answerTooLong(input: ChatInput, member: Member, lookup: ReturnType<typeof lookupCommand<AnyCommand>>, reply: (text: string) => Promise<void>): Promise<void> {
    if (lookup.kind === "chatter") return;
    if (lookup.kind === "command" && !lookup.match.hashed) {
      // 「退订 …」 with a long text after is talk about it, as it is below the limit.
      if (isEmptyObjectSchema(lookup.match.spec)) return;
      const role = await resolveRole(this.app.db, this.app.config.ownerWechatId, member);
      if (!hasRole(role, lookup.match.spec.role)) return;
    }
    if (!(await this.firstDelivery(input.messageId))) return;
    if (await this.withinRate(member, reply)) await reply(TOO_LONG);
  }

  private async firstDelivery(messageId: string): Promise<boolean> {
    return (await this.app.redis.set(this.app.key("seen-message", messageId), "1", "EX", SEEN_MESSAGE_TTL_S, "NX")) === "OK";
  }

  /** Flood control per member: past the limit, one polite notice per window, then silence. */
  private async withinRate(member: Member, reply: (text: string) => Promise<void>): Promise<boolean> {
    const limit = this.app.config.commands.perMinute;
    const windowStart = Math.floor(this.app.clock.now().getTime() / 60_000);
    const count = await countInWindow(this.app.redis, this.app.key("commands", member.id, windowStart), 60_000);
    if (count <= limit) return true;
    if (count === limit + 1) await reply(`操作太频繁了，请一分钟后再试。/ Too many commands, try again in a minute.`);
    return false;
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

