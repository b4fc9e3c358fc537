import { z } from "zod";
import { aliasLabel, commandsUnder, renderHelp, renderUsage } from "../../domain/commands/help.js";
import { lookupCommand } from "../../domain/commands/match.js";
import { hasRole, ROLE_LABELS } from "../../domain/commands/roles.js";
import { defineCommand } from "./command.js";

export const help = defineCommand({
  name: "help",
  aliases: { zh: ["帮助", "菜单"], en: ["help"] },
  usage: "帮助 [命令]",
  help: "查看你能用的命令，或某个命令的用法",
  role: "member",
  scope: "both",
  args: z.object({ topic: z.string().optional() }),
  positional: ["topic..."],
  async run({ args, role, commands, reply }) {
    const visible = commands.filter((command) => hasRole(role, command.role));
    if (!args.topic) return reply(renderHelp(visible, role));
    // "帮助 #grab": the # is how a command is typed, not part of its name; English aliases match in any case.
    const topic = args.topic.replace(/^[#＃]\s*/, "");
    // 「帮助 秒杀」「帮助 flash」: every command under that word, each with its usage.
    const family = commandsUnder(topic, commands, role);
    if (family.length > 1) return reply(family.map((command) => `${aliasLabel(command)} ${renderUsage(command).replace(/\n.*$/s, "")}`).join("\n"));
    const lookup = lookupCommand(`#${topic}`, commands);
    if (lookup.kind !== "command") return reply(`没有「${topic}」这个命令。${renderHelp(visible, role)}`);
    const command = lookup.match.spec;
    // Saying it exists but is not theirs beats "no such command" for a word the member saw used.
    if (!hasRole(role, command.role)) return reply(`「${command.aliases.zh[0]}」需要${ROLE_LABELS[command.role]}权限。/ Needs ${command.role} rights.`);
    return reply(`${aliasLabel(command)}\n${renderUsage(command)}`);
  },
});
