// 账号's replies (Chinese first, then English).
import { formatDuration, formatLocal } from "../../kernel/time/zone.js";
import type { AccountView } from "./rules/fleet-view.js";

const STATE_LABELS: Record<AccountView["state"], string> = {
  online: "🟢 在线",
  offline: "⚪ 离线",
  limited: "🟠 受限",
  retired: "已停用",
};

export const accountsTexts = {
  fleet(views: readonly AccountView[], zone: string): string {
    const online = views.filter((v) => v.state === "online").length;
    const lines = views.map((v) =>
      [
        `${v.name} ${STATE_LABELS[v.state]}`,
        `  群：主号 ${v.primaryRooms}，备用 ${v.standbyRooms}；队列 ${v.queued}`,
        `  今日已发 ${v.sentToday}（营销 ${v.marketingToday}/${v.pushCap}）；熔断 ${v.breakerOpenMs > 0 ? `打开，还剩 ${formatDuration(v.breakerOpenMs)}` : "关闭"}`,
        `  最后在线 ${v.lastSeenAt ? formatLocal(v.lastSeenAt, zone) : "从未"}${v.holder ? `；进程 ${v.holder}` : ""}`,
      ].join("\n"),
    );
    return [`账号 ${views.length} 个，在线 ${online} 个 / ${views.length} accounts, ${online} online`, ...lines].join("\n");
  },
};
