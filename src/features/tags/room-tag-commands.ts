import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { tagRoom } from "./tag-room.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";

export const roomTags = defineCommand({
  name: "room.tag",
  aliases: { zh: ["群标签"], en: ["roomtag"] },
  usage: "群标签 [群名] +标签 -标签（在群里可省略群名）",
  help: "给群加/去标签，推送和内容日历可按群标签选群",
  role: "operator",
  scope: "both",
  args: z
    .object({ topic: z.string().optional(), add: z.array(z.string()), remove: z.array(z.string()) })
    .refine((a) => a.topic !== undefined || a.add.length + a.remove.length > 0, { message: "请写群名，或在群里使用 / which room?" }),
  parseArgs: (raw) => ({
    topic: raw.words.find((w) => !/^[+＋-]/.test(w)),
    add: raw.words.filter((w) => /^[+＋]./.test(w)).map((w) => w.slice(1)),
    remove: raw.words.filter((w) => /^-./.test(w)).map((w) => w.slice(1)),
  }),
  async run({ args, app, room, reply }) {
    if (!args.topic && !room) {
      await reply("请写群名，例如 群标签 VIP群 +北京 / which room?");
      return "refused: no room";
    }
    const outcome = await tagRoom(app.db, { roomId: args.topic ? undefined : room!.id, topic: args.topic, add: args.add, remove: args.remove });
    if (outcome.kind === "noRoom") {
      await reply(`找不到群「${snippet(outcome.topic, MAX_QUOTE)}」。/ No such room.`);
      return "refused: noRoom";
    }
    await reply(`「${outcome.topic}」的群标签：${outcome.tags.join("、") || "无"} / room tags`);
    return "ok";
  },
});
