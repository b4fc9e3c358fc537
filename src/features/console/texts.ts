// What operators read about the console: the login link (后台), logging out, 看板, and the answers to
// actions taken on the console's pages. Chinese first, the English after " / ".
import { formatLocal } from "../../kernel/time/zone.js";

export const consoleTexts = {
  loginLink: (link: string, minutes: number) =>
    `后台登录链接（${minutes} 分钟内有效，只能用一次，请勿转发）：\n${link}\n/ Console login link, valid ${minutes} min, single use.`,
  loggedOut: (count: number) => `已退出后台：结束了 ${count} 个登录会话。/ Logged out of the console (${count} sessions ended).`,
  dashboardTitle: (at: Date, zone: string) => `看板 ${formatLocal(at, zone, "MM-dd HH:mm")}（今日 / 昨日全天）/ Dashboard`,

  // ── actions on the pages ──
  forbidden: "没有权限。/ Not allowed.",
  pushDone: (verb: string, id: number) => `推送 #${id} 已${verb}。/ Done.`,
  pushConfirmed: (id: number) => `推送 #${id} 已确认。/ Confirmed.`,
  noSuchPush: (id: number) => `没有推送 #${id}。/ No such push.`,
  pushNotAllowed: (id: number, verb: string, status: string) => `推送 #${id} 现在是「${status}」，不能${verb}。/ Not in a state for that.`,
  pushFinished: (id: number) => `推送 #${id} 已发完，没有可以暂停或取消的了。/ Already finished.`,
  pushExpired: (id: number) => `推送 #${id} 已过期（超过确认时限）。/ Expired.`,
  flashCancelled: (id: number) => `秒杀 #${id} 已取消，群里会收到通知。/ Cancelled.`,
  noSuchFlashSale: (id: number) => `没有秒杀 #${id}。/ No such sale.`,
  flashStarted: (id: number) => `秒杀 #${id} 已经开始，不能取消（可以提前结束）。/ Already started.`,
  flashNotActive: (id: number) => `秒杀 #${id} 已结束或已取消。/ Not active.`,
};
