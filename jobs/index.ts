// The product's recurring and timed work, one file per kind of job (its definition, its label for 状态 and
// the feature use case it calls). The worker process runs them all; every process is told them (main/stack.ts).
import { applyRuleTags } from "./apply-rule-tags.js";
import { calendarLiveReminder } from "./calendar-live-reminder.js";
import { calendarPollClose } from "./calendar-poll-close.js";
import { calendarPublish } from "./calendar-publish.js";
import { calendarResync } from "./calendar-resync.js";
import { calendarRhythmCheck } from "./calendar-rhythm-check.js";
import { expireCoupons } from "./expire-coupons.js";
import { flashOrderExpiry } from "./flash-order-expiry.js";
import { flashSaleReconcile } from "./flash-sale-reconcile.js";
import { flashSaleTimer } from "./flash-sale-timers.js";
import { fleetFailover } from "./fleet-failover.js";
import { groupBuyDeadline } from "./group-buy-deadline.js";
import { loyaltyNightly } from "./loyalty-nightly.js";
import { orderSettled } from "./order-settled.js";
import { pushExpire } from "./push-expire.js";
import { pushFanOut } from "./push-fan-out.js";
import { pushReport } from "./push-report.js";
import { recomputeRecommendations } from "./recompute-recommendations.js";
import { recomputeRfm } from "./recompute-rfm.js";
import { refreshConsoleRollups } from "./refresh-console-rollups.js";
import { replyDigestFlush } from "./reply-digest-flush.js";
import { replyDigestSweep } from "./reply-digest-sweep.js";
import { requeueStrandedDeliveries } from "./requeue-stranded-deliveries.js";
import { salesSweep } from "./sales-sweep.js";
import { serviceDeskSweep } from "./service-desk-sweep.js";
import { serviceTicketTimer } from "./service-ticket-timer.js";
import { winbackDaily } from "./winback-daily.js";
import { winbackRun } from "./winback-run.js";

export const allJobs = [
  requeueStrandedDeliveries,
  fleetFailover,
  replyDigestFlush,
  replyDigestSweep,
  // ── Flash sales and group-buys ──
  flashSaleTimer,
  flashOrderExpiry,
  flashSaleReconcile,
  groupBuyDeadline,
  salesSweep,
  // ── Orders, tags, RFM, coupons, win-back ──
  expireCoupons,
  recomputeRfm,
  recomputeRecommendations,
  applyRuleTags,
  winbackDaily,
  winbackRun,
  // ── Segments, pushes, the content calendar ──
  pushFanOut,
  pushExpire,
  pushReport,
  calendarPublish,
  calendarLiveReminder,
  calendarPollClose,
  calendarRhythmCheck,
  calendarResync,
  // ── The service desk ──
  serviceTicketTimer,
  serviceDeskSweep,
  // ── The operator console ──
  refreshConsoleRollups,
  // ── Loyalty ──
  orderSettled,
  loyaltyNightly,
];
