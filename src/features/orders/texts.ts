// What members read about orders: the answers to 绑定 (linking a shop account). Chinese first, the
// English alias after " / ". Pure formatting.

import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";

export const ordersTexts = {
  codeMissing: "请写6位绑定码 / 6-digit code",
  codeShape: "绑定码是6位数字 / 6 digits",
  bound: (attachedOrders: number, inviterName?: string) =>
    `绑定成功！之后商城的订单会记在你名下${attachedOrders ? `（已关联 ${attachedOrders} 笔历史订单）` : ""}。${
      inviterName ? `你的邀请人是 ${snippet(inviterName, MAX_QUOTE)}：首单付款后你们都有积分奖励。` : ""
    }/ Linked.`,
  tooManyGuesses: "尝试太多次了，请一小时后再试。/ Too many attempts, try again in an hour.",
  codeExpired: "绑定码已过期，请在商城重新获取。/ Code expired.",
  codeInvalid: "绑定码不对或已用过，请核对后再试。/ Invalid code.",
};
