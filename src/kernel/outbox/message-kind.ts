// What a message is decides how the governor treats it: replies answer a person and go first;
// marketing kinds wait out quiet hours, respect opt-outs and stop when the circuit breaker opens.

export const MESSAGE_KINDS = ["reply", "notice", "alert", "welcome", "announcement", "content", "reminder", "push", "campaign"] as const;

export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** How an operator reads a kind (状态, reports). */
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  reply: "回复",
  notice: "通知",
  alert: "告警",
  welcome: "欢迎",
  announcement: "群公告",
  content: "内容",
  reminder: "提醒",
  push: "推送",
  campaign: "活动",
};

const MARKETING: ReadonlySet<MessageKind> = new Set(["announcement", "content", "reminder", "push", "campaign"]);

/** Marketing: anything a member did not just ask for. Quiet hours, opt-outs and the breaker apply. */
export function isMarketing(kind: MessageKind): boolean {
  return MARKETING.has(kind);
}

// BullMQ: a lower number runs first.
const PRIORITY: Record<MessageKind, number> = {
  reply: 1,
  alert: 1,
  notice: 2,
  welcome: 3,
  announcement: 5,
  reminder: 6,
  content: 8,
  campaign: 10,
  push: 10,
};

export function priorityOf(kind: MessageKind): number {
  return PRIORITY[kind];
}

// Pushes and campaigns are what a member experiences as "being marketed to": they share the
// per-member caps across all campaigns. Reminders a member asked for (预约) do not count.
const MEMBER_CAPPED: ReadonlySet<MessageKind> = new Set(["push", "campaign"]);

export function countsAgainstMemberCap(kind: MessageKind): boolean {
  return MEMBER_CAPPED.has(kind);
}

export const MEMBER_CAPPED_KINDS: readonly MessageKind[] = [...MEMBER_CAPPED];
