// A push's status and audience, as stored (pushes.status, pushes.audience: the words of schema.prisma),
// declared once; and the status as operators read it: the database keeps the English words, replies use
// the labels.

/**
 * awaiting_confirm (over PUSH_CONFIRM_ABOVE, until confirmBy) → scheduled → sending → done (fanned out);
 * paused and back; cancelled; expired (not confirmed in time).
 */
export const PUSH_STATUSES = ["awaiting_confirm", "scheduled", "sending", "paused", "done", "cancelled", "expired"] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

/** members: a segment's members in private chat; rooms: the rooms themselves. */
export const PUSH_AUDIENCES = ["members", "rooms"] as const;
export type PushAudience = (typeof PUSH_AUDIENCES)[number];

/** `done` means fanned out: everything is queued, not necessarily sent (the report adds 已完成 when it is). */
const PUSH_STATUS_LABELS: Record<PushStatus, string> = {
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
  return PUSH_STATUS_LABELS[status as PushStatus] ?? status;
}
