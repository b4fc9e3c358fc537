import { noArgs } from "../../kernel/commands/args.js";
import { setSubscription } from "./set-subscription.js";
import { defineCommand } from "../../kernel/commands/command.js";

// 退订 and 订阅 are one switch: the flag takes effect at once, and the answer goes privately.
function subscriptionCommand(subscribed: boolean, declaration: { name: string; aliases: { zh: string[]; en: string[] }; help: string }, answers: { changed: string; unchanged: string }) {
  return defineCommand({
    ...declaration,
    usage: declaration.aliases.zh[0]!,
    role: "member",
    scope: "both",
    args: noArgs,
    async run({ app, member, replyPrivately }) {
      const outcome = await setSubscription(app.db, member.id, subscribed, app.clock.now());
      await replyPrivately(outcome.kind === "changed" ? answers.changed : answers.unchanged);
    },
  });
}

export const unsubscribe = subscriptionCommand(
  false,
  { name: "unsubscribe", aliases: { zh: ["退订", "取消订阅", "取消推送", "TD", "td"], en: ["unsubscribe", "stop"] }, help: "不再接收推送和活动消息（立即生效）" },
  {
    changed: "已退订，之后不会再收到推送。想恢复时发送「订阅」。/ Unsubscribed.",
    unchanged: "你已经是退订状态了。想恢复时发送「订阅」。/ Already unsubscribed.",
  },
);

export const subscribe = subscriptionCommand(
  true,
  { name: "subscribe", aliases: { zh: ["订阅", "恢复订阅"], en: ["subscribe"] }, help: "重新接收推送和活动消息" },
  { changed: "已恢复订阅，欢迎回来！/ Subscribed.", unchanged: "你已经在订阅中了。/ Already subscribed." },
);
