// Win-back (召回): selects at-risk and lost members (with a holdout), issues each a coupon and a private
// message batch by batch (resumable), and reports the lift against the holdout. Runs daily (WINBACK_CRON)
// or on #召回 开始. What the rest of the product may use.

export { winbackCommands, winbackPreview, winbackReport, winbackStart } from "./commands.js";
export { winbackRunJob } from "./jobs.js";

// Use cases (each takes the app context first).
export {
  findWinbackTemplates,
  type ProcessWinbackOutcome,
  processWinbackRun,
  type WinbackSettings,
  type WinbackStep,
} from "./process-winback-run.js";
export { readWinbackReport, type WinbackReport, type WinbackReportOutcome } from "./read-winback-report.js";
export { WINBACK_RUN_STATUSES, type WinbackRunStatus } from "./rules/winback-run-status.js";
export { checkWinbackTemplates, resumeWinbackRuns, winbackSelection, winbackSettings } from "./run-winback.js";
export {
  previewWinback,
  type StartWinbackOutcome,
  startWinbackRun,
  type WinbackPreview,
  type WinbackSelection,
} from "./select-winback-targets.js";
export { previewManualWinback, startManualWinback } from "./start-manual-winback.js";
