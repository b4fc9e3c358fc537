// A push's status as operators read it: the database keeps the English words, replies use these.

/** `done` means fanned out: everything is queued, not necessarily sent (the report adds 已完成 when it is). */
const PUSH_STATUS_LABELS: Record<string, string> = {
  awaiting_confirm: "待确认",
  scheduled: "已计划",
  sending: "发送中",
  paused: "已暂停",
  done: "已全部入队",
  cancelled: "已取消",
  expired: "已过期",
};

/** The Chinese label of a stored status, e.g. pushStatusLabel("cancelled") === "已取消". */
export function pushStatusLabel(status: string): string {
  return PUSH_STATUS_LABELS[status] ?? status;
}
