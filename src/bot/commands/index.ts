import { calendarAdd, calendarNextWeek, calendarRemove, calendarWeek, reserveLive } from "./calendar.js";
import type { AnyCommand } from "./command.js";
import { couponCommands } from "./coupons.js";
import { flashMemberCommands, flashOperatorCommands } from "./flash-sales.js";
import { groupBuyMemberCommands, groupBuyOperatorCommands } from "./group-buys.js";
import { help } from "./help.js";
import { bind } from "./orders.js";
import { confirm, push, pushCancel, pushPause, pushResume, pushStatus } from "./pushes.js";
import { grant, revoke } from "./roles.js";
import { roomTags } from "./room-tags.js";
import { segmentList, segmentPreview, segmentSave } from "./segments.js";
import { status } from "./status.js";
import { subscribe, unsubscribe } from "./subscription.js";
import { tagCommands } from "./tags.js";
import { welcomeText } from "./welcome.js";
import { winbackCommands } from "./winback.js";

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
  // ── Segments, pushes, the content calendar ──
  reserveLive,
  // ── operators ──
  status,
  grant,
  revoke,
  welcomeText,
  ...flashOperatorCommands,
  ...groupBuyOperatorCommands,
  ...tagCommands,
  ...winbackCommands,
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
];
