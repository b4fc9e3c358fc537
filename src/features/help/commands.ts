import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { aliasLabel, commandsUnder, renderHelp, renderUsage } from "../../kernel/commands/help.js";
import { lookupCommand } from "../../kernel/commands/match.js";
import { hasRole } from "../../kernel/commands/roles.js";
import { helpTexts } from "./texts.js";

export const help = defineCommand({
  name: "help",
  aliases: { zh: ["帮助", "菜单"], en: ["help"] },
  usage: "帮助 [命令]",
  help: "查看你能用的命令，或某个命令的用法",
  role: "member",
  args: z.object({ topic: z.string().optional() }),
  positional: ["topic..."],
  async run({ args, role, commands, room, reply, replyPrivately }) {
    const visible = commands.filter((command) => hasRole(role, command.role));
    // A list is long: asked in a room, it goes to the asker privately and the room gets one line.
    const sendList = async (list: string, inRoom: string) => {
      if (!room) return reply(list);
      await replyPrivately(list);
      await reply(inRoom);
    };
    if (!args.topic) return sendList(renderHelp(visible, role), helpTexts.listSent);
    // "帮助 #grab": the # is how a command is typed, not part of its name; English aliases match in any case.
    const topic = args.topic.replace(/^[#＃]\s*/, "");
    // 「帮助 秒杀」「帮助 flash」: every command under that word, each with its usage.
    const family = commandsUnder(topic, commands, role);
    if (family.length > 1)
      return sendList(
        family.map((command) => `${aliasLabel(command)} ${renderUsage(command).replace(/\n.*$/s, "")}`).join("\n"),
        helpTexts.listSent,
      );
    const lookup = lookupCommand(`#${topic}`, commands);
    // The topic is quoted only privately, and only a snippet: never a member's advert in the room.
    if (lookup.kind !== "command")
      return sendList(helpTexts.noSuchCommand(topic, renderHelp(visible, role)), helpTexts.noSuchCommandListSent);
    const command = lookup.match.spec;
    // Saying it exists but is not theirs beats "no such command" for a word the member saw used.
    if (!hasRole(role, command.role)) return reply(helpTexts.needsRole(command.aliases.zh[0]!, command.role));
    return reply(`${aliasLabel(command)}\n${renderUsage(command)}`);
  },
});
