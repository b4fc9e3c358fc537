import { defineCommand } from "../../kernel/commands/command.js";
import { readFleet } from "./read-fleet.js";
import { accountsTexts } from "./texts.js";

export const accounts = defineCommand({
  name: "accounts",
  aliases: { zh: ["账号"], en: ["accounts"] },
  usage: "账号",
  help: "账号列表：在线与否、主号/备用群数、队列、今日发送与上限、熔断、最后在线",
  role: "admin",
  async run({ app, reply }) {
    await reply(accountsTexts.fleet(await readFleet(app), app.config.timeZone));
  },
});
