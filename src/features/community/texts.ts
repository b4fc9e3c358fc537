// What members and operators read about the community: 退订/订阅 answers and the welcome (欢迎语)
// replies. Chinese first, the English alias after " / ". Pure formatting.
import { fillTemplate } from "../../kernel/text/fill-template.js";

const placeholders = (names: readonly string[]) => names.map((name) => `{${name}}`).join(" ");

export const communityTexts = {
  unsubscribed: "已退订，之后不会再收到推送。想恢复时发送「订阅」。/ Unsubscribed.",
  alreadyUnsubscribed: "你已经是退订状态了。想恢复时发送「订阅」。/ Already unsubscribed.",
  subscribed: "已恢复订阅，欢迎回来！/ Subscribed.",
  alreadySubscribed: "你已经在订阅中了。/ Already subscribed.",

  welcomeMissing: "请写欢迎语，可用 {昵称}、{群名} / write the welcome text",
  welcomeTooLong: "欢迎语最多 500 字 / at most 500 characters",
  welcomeUnknownPlaceholders: (unknown: readonly string[], allowed: readonly string[]) =>
    `欢迎语里的 ${placeholders(unknown)} 无法填写，只能用 ${placeholders(allowed)}。没有保存。/ Unknown placeholder: use ${placeholders(allowed)}.`,
  welcomeReset: "已恢复默认欢迎语。/ Default welcome restored.",
  /** The new welcome as a newcomer will see it (a sample nickname, this room's name). */
  welcomeSet: (text: string, topic: string) => `已设置本群欢迎语，新人进群时会看到：${fillTemplate(text, { 昵称: "新朋友", 群名: topic })}`,
};
