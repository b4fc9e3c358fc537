import { z } from "zod";
import { aliasLabel, commandsUnder, renderHelp, renderUsage } from "../../kernel/commands/help.js";
import { lookupCommand } from "../../kernel/commands/match.js";
import { hasRole, ROLE_LABELS } from "../../kernel/commands/roles.js";
import { snippet } from "../../kernel/text/clean-text.js";
import { defineCommand } from "../../kernel/commands/command.js";

const LIST_SENT = "命令列表已私聊发给你。/ The list is in your private chat.";
const NO_SUCH_COMMAND = "没有这个命令，命令列表已私聊发给你。/ No such command: the list is in your private chat.";

export const help = defineCommand({
  name: "help",
  aliases: { zh: ["帮助", "菜单"], en: ["help"] },
  usage: "帮助 [命令]",
  help: "查看你能用的命令，或某个命令的用法",
  role: "member",
  scope: "both",
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
    if (!args.topic) return sendList(renderHelp(visible, role), LIST_SENT);
    // "帮助 #grab": the # is how a command is typed, not part of its name; English aliases match in any case.
    const topic = args.topic.replace(/^[#＃]\s*/, "");
    // 「帮助 秒杀」「帮助 flash」: every command under that word, each with its usage.
    const family = commandsUnder(topic, commands, role);
    if (family.length > 1) return sendList(family.map((command) => `${aliasLabel(command)} ${renderUsage(command).replace(/\n.*$/s, "")}`).join("\n"), LIST_SENT);
    const lookup = lookupCommand(`#${topic}`, commands);
    // The topic is quoted only privately, and only a snippet: never a member's advert in the room.
    if (lookup.kind !== "command") return sendList(`没有「${snippet(topic)}」这个命令。${renderHelp(visible, role)}`, NO_SUCH_COMMAND);
    const command = lookup.match.spec;
    // Saying it exists but is not theirs beats "no such command" for a word the member saw used.
    if (!hasRole(role, command.role)) return reply(`「${command.aliases.zh[0]}」需要${ROLE_LABELS[command.role]}权限。/ Needs ${command.role} rights.`);
    return reply(`${aliasLabel(command)}\n${renderUsage(command)}`);
  },
});
