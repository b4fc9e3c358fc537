// Pushes (推送): a message to a segment's members (private chat) or to chosen rooms, previewed, confirmed
// when large, fanned out in resumable batches (with a coupon each when asked), paused, resumed or
// cancelled, and reported to its maker. What the rest of the product may use.

export { confirm, push, pushCancel, pushPause, pushResume, pushStatus } from "./commands.js";
export { pushExpireJob, pushFanOutJob, pushReportJob } from "./jobs.js";

// Use cases (each takes the app context first).
export { cancelPush, confirmPush, pauseFailedFanOut, pausePush, resumePush, type ConfirmOutcome, type ControlOutcome } from "./control-push.js";
export { createPush, type CreatePushOutcome } from "./create-push.js";
export { expirePush } from "./expire-push.js";
export { fanOutPush, type FanOutOutcome } from "./fan-out-push.js";
export { reportPush, type PushReport } from "./report-push.js";
export { sendPushReport } from "./send-push-report.js";
export { PUSH_AUDIENCES, PUSH_STATUSES, pushStatusLabel, type PushAudience, type PushStatus } from "./rules/push-status.js";
