// What operators read about pushes (推送): the preview a push is made with, why one is refused, the
// controls (确认, 暂停, 继续, 取消), the report, and what its maker is told privately. Chinese first, the
// English alias after " / ". Pure formatting.

import { skipReasonLabel } from "../../kernel/outbox/skip-reasons.js";
import { MAX_QUOTE, snippet } from "../../kernel/text/clean-text.js";
import { formatPrice } from "../../kernel/text/money.js";
import type { PushReport } from "./report-push.js";
import type { PushPace } from "./rules/push-pace.js";
import { pushStatusLabel } from "./rules/push-status.js";

type AudienceCounts = { total: number; optedOut: number; capped: number; expected: number };

export const pushTexts = {
  // ── refusals of 推送 (the use case's invalid outcome) ──
  unknownRooms: (topics: readonly string[]) => `找不到群：${topics.join("、")} / unknown room`,
  noRoomsWithTag: (tag: string) => `群标签「${tag}」下没有群 / no rooms`,
  emptySegment: (expression: string) => `人群「${expression}」现在没有成员，没有创建推送。/ The segment is empty.`,
  /** Why a segment with members would reach none of them: opted out, at their caps, or both. */
  nobodyReachable: (expression: string, counts: Omit<AudienceCounts, "expected">) => {
    const why =
      counts.optedOut === counts.total
        ? `${counts.total} 人都已退订`
        : counts.capped === counts.total
          ? `${counts.total} 人都已达到推送频次上限（今天或本周）`
          : `${counts.total} 人中已退订 ${counts.optedOut}，已达推送频次上限 ${counts.capped}`;
    return `人群「${expression}」${why}，没有人能收到，没有创建推送。/ Nobody would receive it: ${counts.optedOut} opted out, ${counts.capped} at their caps.`;
  },
  noPlainVariant: "无推荐:通用 需要一个不含 {推荐} 的版本（以 | 开头再写一版）。/ norec:plain needs a variant without {推荐}.",
  roomExperiment: "群推送不能做实验：实验按成员分组。/ Group posts cannot be experiments.",
  experimentNeedsArms: "实验要有两个以上版本（以 | 分开），或写 实验:留出10% 留一组不发。/ An experiment needs two variants or a holdout.",
  armName: (i: number) => `版本${i + 1}`,
  experimentLine: (e: { arms: string[]; holdoutShare: number; plannedPerArm: number }) =>
    `实验：${e.arms.join(" / ")}${e.holdoutShare > 0 ? ` / 留出 ${Math.round(e.holdoutShare * 100)}%` : ""}，每人随机分组并记录；计划每组 ${e.plannedPerArm} 人，最后一个版本是对照。结果：实验 报告 推送N / Experiment: arms assigned at random.`,
  noContent: "请写推送内容（多个版本每个以 | 开头）/ content missing",
  roomPlaceholders:
    "群推送不能用 {昵称}、{券码}、{有效期}、{推荐}、{套餐}：群里的消息是发给所有人的，请去掉它们。/ Group posts cannot hold {昵称}/{券码}.",
  roomCoupon: "群推送不能带券：券是发给个人的。/ Coupons go to members, not rooms.",
  unknownCoupon: (name: string, available: readonly string[]) =>
    `没有「${snippet(name, MAX_QUOTE)}」这种券，可用：${available.join("、")} / unknown coupon`,
  couponWithoutCode: "带券的推送请在文案里写 {券码}（可加 {有效期}）。/ Put {券码} in the text.",
  couponsShort: (template: string, left: number, expected: number) =>
    `券「${template}」只剩 ${Math.max(0, left)} 张，少于预计送达的 ${expected} 人：请缩小人群或换一种券。/ Only ${Math.max(0, left)} coupons left for ${expected} recipients.`,
  codeWithoutCoupon: "文案里有 {券码}：请在内容前写 券:券名，如 券:满200减30。/ Name the coupon: 券:满200减30 …",
  roomBundle: "群推送不能带套餐：套餐按每人的会员价显示。/ Bundles are priced per member, not for rooms.",
  unknownBundle: (name: string, available: readonly string[]) =>
    `没有「${snippet(name, MAX_QUOTE)}」这个套餐${available.length ? `，可用：${available.join("、")}` : "（先用 套餐 新增 建一个）"} / unknown bundle`,
  bundleWithoutPlaceholder: "带套餐的推送请在文案里写 {套餐}（按每人的会员价显示）。/ Put {套餐} in the text.",
  bundlePlaceholderWithoutBundle: "文案里有 {套餐}：请在内容前写 套餐:套餐名，如 套餐:家庭套装。/ Name the bundle: 套餐:家庭套装 …",

  // ── the preview of a created push ──
  /** `when`: "11-25 10:00 发送", "确认后立即发送" or "立即发送"; `quietEnd`: HH:mm when quiet hours hold it. */
  when: (scheduled: string | undefined, awaiting: boolean, quietEnd: string | undefined) =>
    (scheduled ? `${scheduled} 发送` : awaiting ? "确认后立即发送" : "立即发送") + (quietEnd ? `（免打扰时段，${quietEnd} 后发出）` : ""),
  audienceOfRooms: (rooms: readonly string[]) => `群 ${rooms.length} 个：${rooms.join("、")}`,
  audienceOfMembers: (c: AudienceCounts) =>
    `人群 ${c.total} 人，已退订 ${c.optedOut}，已达频次上限 ${c.capped} → 预计送达 ${c.expected} 人`,
  created: (pushId: number, audience: string) => `推送 #${pushId}：${audience}`,
  variants: (variants: readonly string[]) => `文案 ${variants.length} 个版本，轮换发送。例：${variants[0]!.slice(0, 40)}`,
  overAllowance: (pace: PushPace, expected: number, validHours: number) =>
    `⚠️ 账号每天最多发 ${pace.dailyCap} 条推送（当天还剩 ${pace.leftOnFirstDay}），有效期 ${validHours} 小时内约能发出 ${pace.deliverable} 条，其余约 ${expected - pace.deliverable} 条会过期不发。建议缩小人群或分批推送。/ Over the account's daily allowance: about ${expected - pace.deliverable} will expire unsent.`,
  /** A fleet: per account, how many and how long at its daily allowance; nobody: no_account. */
  byAccount: (shares: ReadonlyArray<{ account: string | null; members: number; days: number }>) => {
    const parts = shares.filter((s) => s.account !== null).map((s) => `${s.account} ${s.members} 人约 ${s.days} 天`);
    const none = shares.find((s) => s.account === null)?.members ?? 0;
    return `按账号：${parts.join("，") || "无"}${none ? `；没有账号能送达 ${none} 人（跳过）` : ""}。/ By account: ${parts.length} accounts${none ? `, ${none} unreachable` : ""}.`;
  },
  spreadOverDays: (pace: PushPace) =>
    `账号每天最多发 ${pace.dailyCap} 条推送，约分 ${pace.days} 天发完。/ Spread over ${pace.days} days by the daily allowance.`,
  confirmWithin: (when: string, confirmAbove: number, confirmBy: string, pushId: number) =>
    `${when}。人数超过 ${confirmAbove}，请在 ${confirmBy} 前发送「确认 ${pushId}」，否则作废。/ Confirm with #confirm ${pushId}.`,
  controls: (when: string, pushId: number) => `${when}。暂停/取消：推送 暂停 ${pushId} / 推送 取消 ${pushId}；进度：推送 状态 ${pushId}`,

  // ── 确认, 暂停, 继续, 取消, 状态 ──
  noSuchPush: (id: number) => `没有推送 #${id}。/ No such push.`,
  confirmedFor: (id: number, at: string) => `推送 #${id} 已确认，将于 ${at} 发送。取消：推送 取消 ${id} / Confirmed, scheduled.`,
  confirmedNow: (id: number) => `推送 #${id} 已确认，开始发送。进度：推送 状态 ${id} / Confirmed.`,
  confirmExpired: (id: number) => `推送 #${id} 已过期（超过确认时限），没有发送。请重新创建。/ Expired.`,
  notAwaiting: (id: number, status: string) => `推送 #${id} 不需要确认（${pushStatusLabel(status)}）。/ Not awaiting confirmation.`,
  /** `verb`: 暂停, 继续 or 取消. */
  finished: (id: number, verb: string) => `推送 #${id} 已全部发完，不能${verb}。/ Already finished.`,
  notAllowed: (id: number, status: string, verb: string) => `推送 #${id} ${pushStatusLabel(status)}，不能${verb}。/ Not possible now.`,
  paused: (id: number, held: number) => `推送 #${id} 已暂停，${held} 条暂不发送。/ Paused.`,
  resumed: (id: number, released: number) => `推送 #${id} 已继续，${released} 条重新排队。/ Resumed.`,
  cancelled: (id: number, held: number) => `推送 #${id} 已取消，${held} 条不再发送。/ Cancelled.`,

  // ── what a push's maker is told privately ──
  segmentGone: (id: number, expression: string, problem: string) =>
    `推送 #${id} 没有发出，已取消：人群「${expression}」现在无法使用（${problem}）。请重新创建。/ Push #${id} was cancelled: its segment no longer resolves.`,
  failedPaused: (id: number, problem: string) =>
    `推送 #${id} 发送出错，已暂停：${problem}。「推送 继续 ${id}」重试，「推送 取消 ${id}」放弃。/ Push #${id} failed and was paused.`,
  expiredUnconfirmed: (id: number) => `推送 #${id} 未在时限内确认，已作废，什么也没有发出。/ Push #${id} expired unconfirmed.`,
  /** The report sent to its maker once a push has settled. */
  reportNotice: (report: string) => `推送报告 / push report\n${report}`,

  /** A push's report as an operator reads it (推送 状态, and the report its maker gets). */
  report: (report: PushReport, formatTime: (d: Date) => string): string => {
    const skippedTotal = Object.values(report.skipped).reduce((a, b) => a + b, 0);
    const reasons = Object.entries(report.skipped)
      .map(([reason, n]) => `${skipReasonLabel(reason)} ${n}`)
      .join("，");
    const finished = report.status === "done" && report.queued === 0;
    return [
      `推送 #${report.pushId}（${pushStatusLabel(report.status)}${finished ? "，已完成" : ""}）`,
      `对象：${report.audience === "rooms" ? "群" : "人群"} ${report.expression}，计划 ${formatTime(report.scheduledAt)}`,
      `目标 ${report.targeted}/${report.audienceCount}，已发送 ${report.sent}，排队 ${report.queued}，跳过 ${skippedTotal}${reasons ? `（${reasons}）` : ""}，失败 ${report.failed}${report.uncertain ? `，不确定 ${report.uncertain}` : ""}`,
      ...(report.coupons.issued + report.coupons.undelivered > 0
        ? [
            `券：发出 ${report.coupons.issued}，已核销 ${report.coupons.redeemed}，带来收入 ${formatPrice(report.coupons.revenueCents)}` +
              (report.coupons.undelivered ? `（另有 ${report.coupons.undelivered} 张已开出但消息未送达）` : ""),
          ]
        : []),
      `targeted ${report.targeted}, sent ${report.sent}, queued ${report.queued}, skipped ${skippedTotal}${
        Object.keys(report.skipped).length
          ? ` (${Object.entries(report.skipped)
              .map(([r, n]) => `${r} ${n}`)
              .join(", ")})`
          : ""
      }, failed ${report.failed}`,
    ].join("\n");
  },
};
