// What the fleet tells the owner (Chinese first, then English).
import type { AccountFailover, DropReason } from "./failover-report.js";

const REASONS: Record<DropReason, string> = {
  logged_out: "已退出登录 / logged out",
  lease_lapsed: "进程已停止 / its process stopped",
  breaker_open: "发送受限（熔断）/ limited by risk control",
};

const MAX_ROOMS_NAMED = 5;

export const fleetTexts = {
  /** The owner's alert: which account dropped, what moved, how to log it back in. */
  accountDown(failover: AccountFailover): string {
    const rooms = failover.rooms;
    const named = rooms
      .slice(0, MAX_ROOMS_NAMED)
      .map((room) => `「${room.topic}」→${room.to}`)
      .join("、");
    const more = rooms.length > MAX_ROOMS_NAMED ? ` 等 ${rooms.length} 个群` : "";
    const moved = Object.entries(failover.deliveries)
      .map(([account, count]) => `${count} 条 → ${account}`)
      .join("，");
    return [
      `⚠️ 账号 ${failover.account} 掉线：${REASONS[failover.reason]}。`,
      rooms.length > 0 ? `主号已转移：${named}${more}。` : "没有群转移主号（群里没有在线的备用号）。",
      moved ? `待发消息已转移：${moved}。` : "",
      `重新登录：在该账号的机器上运行 BOT_ACCOUNT=${failover.account} npm run bot 并扫码（或更新 WECHATY_PUPPET_SERVICE_TOKEN）；回来后它在这些群里做备用号。`,
      `/ Account ${failover.account} dropped; its rooms and queued messages moved. Log it in again (QR code or token); it comes back as a standby.`,
    ]
      .filter(Boolean)
      .join("\n");
  },
};
