// What people read about group-buys (Chinese first, English alias): the rooms' announcements and 接龙
// lists, the members' private messages, replies to joins and to operators' commands. Pure formatting.

import type { ReplyOutcome } from "../../kernel/outbox/combine-replies.js";
import { formatYuan } from "../../kernel/text/money.js";
import { type ClockWindow, formatClockWindow } from "../../kernel/time/clock-window.js";
import { overlapsQuietHours } from "../../kernel/time/quiet-hours-overlap.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { type OpenSaleView, whichOneReply } from "../flash-sales/index.js";
import type { JoinGroupBuyOutcome } from "./join-outcome.js";

export interface TeamView {
  groupBuyId: number;
  number: number;
  product: string;
  priceCents: number;
  teamSize: number;
  members: string[];
}

/**
 * The 接龙 list of a team, as posted in the room after each join.
 *
 * @example chainList({ groupBuyId: 7, number: 2, product: "大米", priceCents: 3900, teamSize: 3, members: ["A", "B"] })
 * // "【拼团接龙 7-2】大米 ¥39 3人团\n1. A\n2. B\n还差1人，发送「参团 7-2」加入"
 */
export function chainList(team: TeamView): string {
  const lines = team.members.map((name, i) => `${i + 1}. ${name}`);
  const missing = team.teamSize - team.members.length;
  const code = `${team.groupBuyId}-${team.number}`;
  return [
    `【拼团接龙 ${code}】${team.product} ¥${formatYuan(team.priceCents)} ${team.teamSize}人团`,
    ...lines,
    missing > 0 ? `还差${missing}人，发送「参团 ${code}」加入` : `已成团！🎉`,
  ].join("\n");
}

export interface GroupBuyView {
  id: number;
  product: string;
  priceCents: number;
  teamSize: number;
  perMemberLimit: number;
  deadline: Date;
}

export const groupBuyTexts = {
  preview: (g: GroupBuyView, zone: string) =>
    `【拼团 #${g.id}】${g.product} 拼团价¥${formatYuan(g.priceCents)}，${g.teamSize}人成团，${formatLocal(g.deadline, zone)} 截止。\n` +
    `发送「参团 ${g.id}」加入或开团，「开团 ${g.id}」自己开一个团，邀请好友「参团 ${g.id}-团号」。`,
  // Group-buy orders wait for payment without a deadline (they do not expire), so none is promised.
  completed: (g: GroupBuyView, code: string, orderNo: string, url: string) =>
    `拼团成功！🎉 ${g.product}（${code}）已成团，拼团价¥${formatYuan(g.priceCents)}。\n订单号：${orderNo}\n请付款：${url} / Team complete!`,
  failed: (g: GroupBuyView, code: string, had: number, cancelled: boolean) =>
    cancelled
      ? `拼团 ${code}（${g.product}）已被取消，不会扣款。/ The group-buy was cancelled; nothing is charged.`
      : `很遗憾，拼团 ${code}（${g.product}）截止时只有${had}/${g.teamSize}人，未成团，不会扣款。/ The team did not fill; nothing is charged.`,
  result: (g: GroupBuyView, completed: number, failed: number) =>
    `【拼团结束 #${g.id}】${g.product}：成团 ${completed}个，未成团 ${failed}个。感谢参与！`,
  // Complete teams keep their orders: saying "nothing is charged" to the whole room would be untrue then.
  cancelled: (g: GroupBuyView, completed: number, failed: number) =>
    completed === 0
      ? `【拼团取消 #${g.id}】${g.product}的拼团已取消，不会扣款。`
      : `【拼团取消 #${g.id}】${g.product}的拼团已停止：未成团的 ${failed}个团取消，不会扣款；已成团的 ${completed}个团订单照常有效，请按私信付款。`,
};

/** The reply to a join that did not happen. */
export function joinReply(outcome: Exclude<JoinGroupBuyOutcome, { kind: "joined" }>, groupBuyId: number): string {
  switch (outcome.kind) {
    case "notFound":
      return groupBuyReplies.notFound(groupBuyId);
    case "ended":
      return `拼团 #${groupBuyId} 已经结束了。/ Ended.`;
    case "notInRoom":
      return `拼团 #${groupBuyId} 不在本群进行。/ Not in this group.`;
    case "limitReached":
      return `拼团 #${groupBuyId} 每人限参${outcome.limit}次，你已经参加过了。/ Already joined.`;
    case "noSuchTeam":
      return `拼团 #${groupBuyId} 没有第${outcome.number}团。/ No such team.`;
    case "teamClosed":
      return `团 ${groupBuyId}-${outcome.number} 已满或已结束，发送「参团 ${groupBuyId}」加入其他团。/ Team closed.`;
    case "alreadyInTeam":
      return `你已经在团 ${groupBuyId}-${outcome.number} 里了。/ Already in this team.`;
  }
}

/**
 * A join's result as a room hears it in a burst, after the names (the reply digest combines them). A
 * join's own answer is its team's 接龙 list: alone it goes as it is, combined it follows the names once
 * (the list of most seats).
 *
 * @example joinOutcome({ kind: "teamClosed", number: 2 }, 7) // { key: "teamClosed:7-2", zh: "团 7-2 已满或已结束，…", en: "Team closed" }
 */
export function joinOutcome(outcome: JoinGroupBuyOutcome, groupBuyId: number): ReplyOutcome {
  const g = groupBuyId;
  switch (outcome.kind) {
    case "joined": {
      const code = `${g}-${outcome.teamNumber}`;
      return {
        key: `joined:${code}`,
        zh: `已加入团 ${code}`,
        en: "Joined",
        order: -1,
        note: { key: `chain:${code}`, text: outcome.chain, rank: outcome.seat },
        plain: true,
      };
    }
    case "notFound":
      return { key: `notFound:${g}`, zh: `没有拼团 #${g}`, en: "No such group-buy" };
    case "ended":
      return { key: `ended:${g}`, zh: `拼团 #${g} 已经结束了`, en: "Ended" };
    case "notInRoom":
      return { key: `notInRoom:${g}`, zh: `拼团 #${g} 不在本群进行`, en: "Not in this group" };
    case "limitReached":
      return { key: `limitReached:${g}`, zh: `拼团 #${g} 每人限参${outcome.limit}次，已经参加过了`, en: "Already joined" };
    case "noSuchTeam":
      return { key: `noSuchTeam:${g}-${outcome.number}`, zh: `拼团 #${g} 没有第${outcome.number}团`, en: "No such team" };
    case "teamClosed":
      return {
        key: `teamClosed:${g}-${outcome.number}`,
        zh: `团 ${g}-${outcome.number} 已满或已结束，发送「参团 ${g}」加入其他团`,
        en: "Team closed",
      };
    case "alreadyInTeam":
      return { key: `alreadyInTeam:${g}-${outcome.number}`, zh: `已经在团 ${g}-${outcome.number} 里了`, en: "Already in this team" };
  }
}

/** A bare 参团/开团's answer (bareJoinReply) as a room hears it in a burst. */
export function bareJoinOutcome(command: string, open: readonly OpenSaleView[]): ReplyOutcome {
  if (open.length === 0) return { key: "bare:none", zh: "本群现在没有进行中的拼团", en: "No group-buy open here" };
  const zh = `现在有 ${open.length} 个拼团：${open.map((s) => `#${s.id} ${s.product}`).join("、")}，请发「${command} 编号」`;
  return { key: `bare:${zh}`, zh, en: "Which one?" };
}

/** A bare 参团/开团 in a room with no one group-buy open. */
export function bareJoinReply(command: string, open: readonly OpenSaleView[]): string {
  return open.length === 0 ? "本群现在没有进行中的拼团。/ No group-buy open here." : whichOneReply("拼团", command, open);
}

/** The note added to the operator's reply when a group-buy's deadline is in quiet hours. */
export function deadlineQuietHoursWarning(window: ClockWindow): string {
  const [start, end] = formatClockWindow(window).split("-");
  return (
    `ℹ️ 截止时间在免打扰时段（${start}–${end}）：成员会立即私聊收到成团或失败通知，群里的结果 ${end} 后发出。` +
    `/ The deadline is in quiet hours: members are told privately at once, the group hears the result after ${end}.`
  );
}

/**
 * The line to add to the operator's reply when the deadline is in quiet hours, or "" (what the room
 * must hear is the result then).
 *
 * @example deadlineQuietHoursNote(quiet, "Asia/Shanghai", g.deadline) // "\nℹ️ 截止时间在免打扰时段…"
 */
export function deadlineQuietHoursNote(window: ClockWindow | null, zone: string, deadline: Date): string {
  return window && overlapsQuietHours(window, deadline, deadline, zone) ? `\n${deadlineQuietHoursWarning(window)}` : "";
}

export interface GroupBuyRecordView extends GroupBuyView {
  roomIds: readonly number[];
}

/** Replies to the operators' group-buy commands (新建, 列表, 详情, 取消). */
export const groupBuyReplies = {
  /** 没有拼团 #7: the one spelling of a group-buy that does not exist (an operator's command or a member's join). */
  notFound: (groupBuyId: number) => `没有拼团 #${groupBuyId}。/ No such group-buy.`,
  noRooms: "私聊新建拼团请加「全部」，或在目标群里发。/ Add 全部 or send it in a group.",
  created: (g: GroupBuyRecordView, zone: string, note: string) =>
    `已创建拼团 #${g.id}：${g.product} ¥${formatYuan(g.priceCents)}，${g.teamSize}人团，${formatLocal(g.deadline, zone)} 截止，${g.roomIds.length}个群。/ Created.` +
    note,
  none: "还没有拼团。/ No group-buys.",
  listLine: (g: GroupBuyView & { status: "scheduled" | "cancelled" | "ended" }, completeTeams: number, teams: number, zone: string) =>
    `#${g.id} ${g.product} ¥${formatYuan(g.priceCents)} ${g.teamSize}人团 截止${formatLocal(g.deadline, zone)} ${GROUP_BUY_STATUS[g.status]}，成团${completeTeams}/${teams}`,
  details: (
    g: GroupBuyView,
    teams: ReadonlyArray<{ number: number; seats: number; status: "open" | "complete" | "failed" }>,
    zone: string,
  ) =>
    [
      `#${g.id} ${g.product} ¥${formatYuan(g.priceCents)} ${g.teamSize}人团 截止${formatLocal(g.deadline, zone)}`,
      ...(teams.length ? teams.map((t) => `  ${g.id}-${t.number}：${t.seats}/${g.teamSize} ${TEAM_STATUS[t.status]}`) : ["  还没有人参团"]),
    ].join("\n"),
  cancelled: (groupBuyId: number, failedTeams: number, completedTeams: number) =>
    `已取消拼团 #${groupBuyId}（未成团 ${failedTeams}个，已成团 ${completedTeams}个照常）。/ Cancelled.`,
  notActive: (groupBuyId: number) => `拼团 #${groupBuyId} 已经结束或取消了。/ Not active.`,
  badTeamCode: "拼团编号要写数字，如 7 或 7-2 / e.g. 7 or 7-2",
};

const GROUP_BUY_STATUS = { scheduled: "进行中", cancelled: "已取消", ended: "已结束" } as const;
const TEAM_STATUS = { open: "拼团中", complete: "已成团", failed: "未成团" } as const;
