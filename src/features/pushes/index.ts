// Pushes (推送): a message to a segment's members (private chat) or to chosen rooms, previewed, confirmed
// when large, fanned out in resumable batches (with a coupon each when asked), paused, resumed or
// cancelled, and reported to its maker. What the rest of the product may use.

export { confirm, push, pushCancel, pushPause, pushResume, pushStatus } from "./commands.js";
// Use cases (each takes the app context first).
export {
  type ConfirmOutcome,
  type ControlOutcome,
  cancelPush,
  confirmPush,
  pauseFailedFanOut,
  pausePush,
  resumePush,
} from "./control-push.js";
export { type CreatePushOutcome, createPush } from "./create-push.js";
export { expirePush } from "./expire-push.js";
export { type FanOutOutcome, fanOutPush } from "./fan-out-push.js";
export { pushExpireJob, pushFanOutJob, pushReportJob } from "./jobs.js";
export { type PushReport, type PushReportOutcome, reportPush } from "./report-push.js";
export { PUSH_AUDIENCES, PUSH_STATUSES, type PushAudience, type PushStatus, pushStatusLabel } from "./rules/push-status.js";
export { sendPushReport } from "./send-push-report.js";
