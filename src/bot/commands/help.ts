import { z } from "zod";
import { aliasLabel, renderHelp, renderUsage } from "../../domain/commands/help.js";
import { lookupCommand } from "../../domain/commands/match.js";
import { hasRole } from "../../domain/commands/roles.js";
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
    const lookup = lookupCommand(`#${args.topic}`, visible);
    if (lookup.kind !== "command") return reply(`没有「${args.topic}」这个命令。${renderHelp(visible, role)}`);
    const command = lookup.match.spec;
    return reply(`${aliasLabel(command)}\n${renderUsage(command)}`);
  },
});
