// A win-back run's status, as stored (winback_runs.status): running until its last batch, then done; failed
// when it could not issue (failReason says why, e.g. a WINBACK_COUPONS template that does not exist).

export const WINBACK_RUN_STATUSES = ["running", "done", "failed"] as const;
export type WinbackRunStatus = (typeof WINBACK_RUN_STATUSES)[number];
