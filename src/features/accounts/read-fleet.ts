import type { AppContext } from "../../kernel/app-context.js";
import { Governor } from "../../kernel/outbox/governor.js";
import { isMarketing, type MessageKind } from "../../kernel/outbox/message-kind.js";
import { localDay } from "../../kernel/time/zone.js";
import type { AccountView } from "./rules/fleet-view.js";

/**
 * Every account of the fleet as 账号 shows it: state, rooms as primary / standby, its outbox queue,
 * today's sends against the caps, the breaker, last seen. With no account registered yet (a fresh
 * install before the bot's first login): this process's account alone, as offline.
 */
export async function readFleet(app: AppContext): Promise<AccountView[]> {
  const { config } = app;
  const now = app.clock.now();
  const day = localDay(now, config.timeZone);
  const accounts = await app.db.botAccount.findMany({
    orderBy: { id: "asc" },
    include: { rooms: { select: { role: true } } },
  });
  const rows =
    accounts.length > 0 ? accounts : [{ name: config.account, state: "offline" as const, lastSeenAt: null, holder: null, rooms: [] }];
  const views: AccountView[] = [];
  for (const account of rows) {
    const governor = new Governor(app.redis, app.key, account.name, config.outbox);
    const [queue, state] = await Promise.all([
      app.outbox.queueOf(account.name).getJobCounts("waiting", "prioritized", "active", "delayed"),
      governor.state(day),
    ]);
    const sent = Object.entries(state.sentToday) as Array<[MessageKind, number]>;
    views.push({
      name: account.name,
      state: account.state,
      primaryRooms: account.rooms.filter((r) => r.role === "primary").length,
      standbyRooms: account.rooms.filter((r) => r.role === "standby").length,
      queued: Object.values(queue).reduce((sum, n) => sum + n, 0),
      sentToday: sent.reduce((sum, [, n]) => sum + n, 0),
      marketingToday: sent.filter(([kind]) => isMarketing(kind)).reduce((sum, [, n]) => sum + n, 0),
      pushCap: config.outbox.dailyCaps.push,
      breakerOpenMs: state.circuitOpenForMs,
      lastSeenAt: account.lastSeenAt,
      holder: account.holder,
    });
  }
  return views;
}
