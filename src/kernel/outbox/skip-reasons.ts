// Why a message was not sent, as operators read it in push and win-back reports (the stored reasons are
// English words; unknown ones are shown as stored).

const SKIP_REASON_LABELS: Record<string, string> = {
  opt_out: "已退订",
  member_cap: "达到个人频次上限",
  quiet_hours_expired: "免打扰时段过后已失效",
  circuit_open_expired: "发送暂停（熔断）期间已失效",
  expired: "超过有效期未发出",
  coupon_unavailable: "券已发完或不能再领",
  no_recommendation: "没有可推荐的商品",
  owns_bundle: "套餐里的商品都买过了",
  not_reachable: "无法送达",
  no_account: "没有能送达的账号",
  daily_cap: "账号当日上限",
  paused: "已暂停",
  cancelled: "已取消",
  // Win-back only: left out at selection, or no coupon left to give.
  cooldown: "冷却期内召回过",
  no_coupon: "券已发完",
};

/** e.g. skipReasonLabel("opt_out") === "已退订". */
export function skipReasonLabel(reason: string): string {
  return SKIP_REASON_LABELS[reason] ?? reason;
}
