import { z } from "zod";
import { defineCommand } from "../../kernel/commands/command.js";
import { tagRoom } from "./tag-room.js";
import { tagsTexts } from "./texts.js";

export const roomTags = defineCommand({
  name: "room.tag",
  aliases: { zh: ["群标签"], en: ["roomtag"] },
  usage: "群标签 [群名] +标签 -标签（在群里可省略群名）",
  help: "给群加/去标签，推送和内容日历可按群标签选群",
  role: "operator",
  args: z
    .object({ topic: z.string().optional(), add: z.array(z.string()), remove: z.array(z.string()) })
    .refine((a) => a.topic !== undefined || a.add.length + a.remove.length > 0, { message: tagsTexts.whichRoom }),
  parseArgs: (raw) => ({
    topic: raw.words.find((w) => !/^[+＋-]/.test(w)),
    add: raw.words.filter((w) => /^[+＋]./.test(w)).map((w) => w.slice(1)),
    remove: raw.words.filter((w) => /^-./.test(w)).map((w) => w.slice(1)),
  }),
  async run({ args, app, room, reply }) {
    if (!args.topic && !room) {
      await reply(tagsTexts.whichRoomExample);
      return "refused: no room";
    }
    const outcome = await tagRoom(app, {
      roomId: args.topic ? undefined : room!.id,
      topic: args.topic,
      add: args.add,
      remove: args.remove,
    });
    if (outcome.kind === "notFound") {
      await reply(tagsTexts.noSuchRoom(args.topic ?? ""));
      return "refused: notFound";
    }
    await reply(tagsTexts.roomTags(outcome.topic, outcome.tags));
    return "ok";
  },
});
