import type { AppContext } from "../infra/app-context.js";
import type { Member, Room } from "../infra/db/client.js";
import { countInWindow } from "../infra/rate-limit.js";
import { firstProblem } from "../domain/commands/args.js";
import { renderUsage } from "../domain/commands/help.js";
import { lookupCommand, positionalArgs } from "../domain/commands/match.js";
import { hasRole, ROLE_LABELS } from "../domain/commands/roles.js";
import { suggestAlias } from "../domain/commands/suggest.js";
import { recordAudit } from "../services/audit/record-audit.js";
import { findMembersByName } from "../services/members/find-members-by-name.js";
import { resolveRole } from "../services/operators/resolve-role.js";
import type { ChatInput } from "./chat-input.js";
import type { AnyCommand, CommandContext, MemberLookup } from "./commands/command.js";

export const APOLOGY = "抱歉，出了点问题，请稍后再试。/ Sorry, something went wrong.";

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

function isEmptyObjectSchema(command: AnyCommand): boolean {
  const shape = (command.args as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && Object.keys(shape).length === 0;
}

/**
 * From a recorded message to a command's run: lookup, flood control, scope, role, arguments,
 * the handler inside one error boundary, and the audit line of operator commands.
 */
export class CommandRouter {
  constructor(
    private readonly app: AppContext,
    private readonly commands: readonly AnyCommand[],
    private readonly botName: () => string | undefined,
  ) {
    validateCommands(commands);
  }

  async route(input: ChatInput, member: Member, room: Room | undefined): Promise<void> {
    const lookup = lookupCommand(input.text, this.commands, this.botName());
    if (lookup.kind === "chatter") return;

    // In a busy group the answer names who it is for.
    const reply = (text: string) => this.reply({ memberId: member.id }, room, room ? `@${member.name} ${text}` : text);
    if (!(await this.withinRate(member, reply))) return;

    const role = await resolveRole(this.app.db, this.app.config.ownerWechatId, member);
    if (lookup.kind === "unknown") {
      const visible = this.commands.filter((c) => hasRole(role, c.role));
      const suggestion = suggestAlias(lookup.word, visible);
      await reply(
        suggestion
          ? `没有「#${lookup.word}」这个命令，你是不是想输入「#${suggestion}」？发送「帮助」查看全部命令。`
          : `没有「#${lookup.word}」这个命令。发送「帮助」查看可用命令。/ Unknown command, send #help.`,
      );
      return;
    }

    const { spec: command, raw } = lookup.match;
    const audited = command.role !== "member";
    const audit = (outcome: string) =>
      audited
        ? recordAudit(this.app.db, { actorId: member.id, roomId: room?.id, command: command.name, args: raw.text, outcome })
        : Promise.resolve();

    if (command.scope === "group" && !room) return reply(`「${command.aliases.zh[0]}」请在群里使用。/ Use it in a group.`);
    if (command.scope === "private" && room) return reply(`「${command.aliases.zh[0]}」请私聊我使用。/ Send it to me privately.`);
    if (!hasRole(role, command.role)) {
      await audit("refused: role");
      return reply(`没有权限：「${command.aliases.zh[0]}」需要${ROLE_LABELS[command.role]}权限。/ Not allowed.`);
    }

    const parsed = command.args.safeParse(command.parseArgs ? command.parseArgs(raw) : positionalArgs(raw, command.positional));
    if (!parsed.success) {
      await audit("refused: arguments");
      return reply(`${firstProblem(parsed.error)}\n${renderUsage(command)}`);
    }

    const ctx: CommandContext<unknown> = {
      args: parsed.data,
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
    try {
      const outcome = await command.run(ctx);
      await audit(outcome || "ok");
    } catch (error) {
      this.app.logger.error(
        { err: error, command: command.name, member: member.wechatId, room: room?.wechatRoomId, text: input.text },
        "command failed",
      );
      await audit("error").catch(() => undefined);
      await reply(APOLOGY);
    }
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
    const mentioned = input.mentions.find((m) => m.name === name) ?? (input.mentions.length === 1 && room ? input.mentions[0] : undefined);
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
    if (matches.length > 1 && !room) return { kind: "ambiguous", name, count: matches.length };
    const member = matches[0]!;
    return { kind: "found", member, role: await resolveRole(db, this.app.config.ownerWechatId, member) };
  }
}

