import { defineCommand } from "../../kernel/commands/command.js";
import { endConsoleSessions, issueLoginCode } from "./console-sessions.js";
import { dashboardLines } from "./dashboard-lines.js";
import { readOverview } from "./read-overview.js";
import { consoleTexts as texts } from "./texts.js";

export const consoleLogin = defineCommand({
  name: "console.login",
  aliases: { zh: ["后台"], en: ["console"] },
  usage: "后台",
  help: "私聊获取后台（看板网页）的一次性登录链接",
  role: "operator",
  scope: "private",
  async run({ app, member, reply }) {
    const { link } = await issueLoginCode(app, member.id);
    await reply(texts.loginLink(link, Math.round(app.config.console.codeTtlMs / 60_000)));
    // The audit line names the act, never the code.
    return "link sent";
  },
});

export const consoleLogout = defineCommand({
  name: "console.logout",
  aliases: { zh: ["后台 退出"], en: ["console logout"] },
  usage: "后台 退出",
  help: "结束自己所有的后台登录",
  role: "operator",
  async run({ app, member, reply }) {
    const count = await endConsoleSessions(app, member.id);
    await reply(texts.loggedOut(count));
    return `ended ${count}`;
  },
});

export const dashboard = defineCommand({
  name: "console.dashboard",
  aliases: { zh: ["看板"], en: ["dashboard"] },
  usage: "看板",
  help: "今日关键数字：成交额、订单、客单价、私域转化、领券核销（与后台总览同一口径）",
  role: "operator",
  // Sales figures are the brand's business: never posted in a room full of customers.
  scope: "private",
  async run({ app, reply }) {
    const overview = await readOverview(app);
    await reply([texts.dashboardTitle(overview.computedAt, app.config.timeZone), ...dashboardLines(overview)].join("\n"));
  },
});

export const consoleCommands = [consoleLogin, consoleLogout, dashboard];
