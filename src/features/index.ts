import type { AnyCommand } from "../kernel/commands/command.js";
import { accounts } from "./accounts/index.js";
import { calendarAdd, calendarNextWeek, calendarRemove, calendarWeek, reserveLive } from "./calendar/index.js";
import { subscribe, unsubscribe, welcomeText } from "./community/index.js";
import { consoleCommands } from "./console/index.js";
import { couponCommands } from "./coupons/index.js";
import { experimentCommands } from "./experiments/index.js";
import { flashMemberCommands, flashOperatorCommands } from "./flash-sales/index.js";
import { groupBuyMemberCommands, groupBuyOperatorCommands } from "./group-buys/index.js";
import { help } from "./help/index.js";
import { loyaltyMemberCommands, loyaltyOperatorCommands } from "./loyalty/index.js";
import { bind } from "./orders/index.js";
import { confirm, push, pushCancel, pushPause, pushResume, pushStatus } from "./pushes/index.js";
import { recommendationCommands } from "./recommendations/index.js";
import { rfmCommands } from "./rfm/index.js";
import { grant, revoke } from "./roles/index.js";
import { segmentList, segmentPreview, segmentSave } from "./segments/index.js";
import { serviceMemberCommands, serviceOperatorCommands } from "./service-desk/index.js";
import { status } from "./status/index.js";
import { roomTags, tagCommands } from "./tags/index.js";
import { winbackCommands } from "./winback/index.js";

/** Every command the bot knows, in the order help lists them: members' first, then operators'. */
export const allCommands: readonly AnyCommand[] = [
  help,
  unsubscribe,
  subscribe,
  // ── Flash sales and group-buys ──
  ...flashMemberCommands,
  ...groupBuyMemberCommands,
  // ── Orders, tags, RFM, coupons, win-back ──
  ...couponCommands,
  bind,
  // ── Loyalty ──
  ...loyaltyMemberCommands,
  // ── Segments, pushes, the content calendar ──
  reserveLive,
  // ── The service desk ──
  ...serviceMemberCommands,
  // ── operators ──
  status,
  accounts,
  grant,
  revoke,
  welcomeText,
  ...flashOperatorCommands,
  ...groupBuyOperatorCommands,
  ...tagCommands,
  ...rfmCommands,
  ...winbackCommands,
  ...recommendationCommands,
  ...experimentCommands,
  segmentPreview,
  segmentSave,
  segmentList,
  push,
  confirm,
  pushPause,
  pushResume,
  pushCancel,
  pushStatus,
  calendarWeek,
  calendarNextWeek,
  calendarAdd,
  calendarRemove,
  roomTags,
  // ── The service desk ──
  ...serviceOperatorCommands,
  // ── the operator console ──
  ...consoleCommands,
  ...loyaltyOperatorCommands,
];
