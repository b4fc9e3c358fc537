import { calendarAdd, calendarNextWeek, calendarRemove, calendarWeek, reserveLive } from "./calendar/commands.js";
import type { AnyCommand } from "../kernel/commands/command.js";
import { couponCommands } from "./coupons/commands.js";
import { flashMemberCommands, flashOperatorCommands } from "./flash-sales/commands.js";
import { groupBuyMemberCommands, groupBuyOperatorCommands } from "./group-buys/commands.js";
import { help } from "./help/commands.js";
import { bind } from "./orders/commands.js";
import { confirm, push, pushCancel, pushPause, pushResume, pushStatus } from "./pushes/commands.js";
import { grant, revoke } from "./roles/commands.js";
import { roomTags } from "./tags/room-tag-commands.js";
import { segmentList, segmentPreview, segmentSave } from "./segments/commands.js";
import { status } from "./status/commands.js";
import { subscribe, unsubscribe } from "./community/subscription-commands.js";
import { tagCommands } from "./tags/commands.js";
import { welcomeText } from "./community/welcome-commands.js";
import { winbackCommands } from "./winback/commands.js";

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
