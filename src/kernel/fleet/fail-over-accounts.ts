// Failover (docs/fleet.md): an account that logged out, whose lease lapsed (its process died) or whose
// breaker opened hands its rooms' primary role to an online standby, and its queued, unsent deliveries
// to the accounts that now serve those rooms and members (the same rows: nothing sent twice, nothing
// lost; `uncertain` rows stay as they are). The owner is told privately through an account still online.
import type { AppContext } from "../app-context.js";
import type { AccountState } from "../db/generated/enums.js";
import { Governor } from "../outbox/governor.js";
import type { OutgoingMessage } from "../outbox/outgoing-message.js";
import { AccountLease } from "./account-lease.js";
import type { AccountFailover, DropReason } from "./failover-report.js";
import { resolveAccounts } from "./resolve-accounts.js";
import { fleetTexts } from "./texts.js";

export type { AccountFailover, DropReason };

// Queued rows looked at per account per run: a 500,000-row push backlog moves over a few runs.
const PAGE = 2000;

/**
 * One check of the fleet: states brought up to date from the leases and breakers, then every account
 * not online hands over what an online account can take. Safe to run in several workers at once (each
 * move is conditional on the row still being the old account's) and again (nothing left to move).
 */
export async function failOverAccounts(app: AppContext): Promise<AccountFailover[]> {
  const { db } = app;
  const accounts = await db.botAccount.findMany({ where: { state: { not: "retired" } }, orderBy: { id: "asc" } });
  if (accounts.length <= 1) return [];
  const reasons = new Map<string, DropReason>();
  for (const account of accounts) {
    const held = await AccountLease.isHeld(app.redis, app.key, account.name);
    const breakerOpen = (await new Governor(app.redis, app.key, account.name, app.config.outbox).circuitOpenForMs()) > 0;
    let state: AccountState = account.state;
    if (account.state === "online" && !held) state = "offline";
    else if (account.state === "online" && breakerOpen) state = "limited";
    else if (account.state === "limited" && !breakerOpen && held) state = "online";
    if (state !== account.state) {
      app.logger.warn(
        { account: account.name, from: account.state, to: state, leaseHeld: held, breakerOpen },
        "account state changed by the fleet check",
      );
      // Only from the state read: a bot that logged in meanwhile is not marked down.
      await db.botAccount.updateMany({ where: { id: account.id, state: account.state }, data: { state } });
      account.state = state;
    }
    if (account.state === "offline") reasons.set(account.name, held ? "logged_out" : "lease_lapsed");
    if (account.state === "limited") reasons.set(account.name, "breaker_open");
  }

  const online = accounts.filter((a) => a.state === "online");
  if (online.length === 0) return [];
  const results: AccountFailover[] = [];
  for (const down of accounts.filter((a) => reasons.has(a.name))) {
    const result: AccountFailover = { account: down.name, reason: reasons.get(down.name)!, rooms: [], deliveries: {} };
    result.rooms = await handOverRooms(app, down.id, new Set(online.map((a) => a.id)), new Map(accounts.map((a) => [a.id, a.name])));
    result.deliveries = await moveQueuedDeliveries(app, down.name);
    if (result.rooms.length > 0 || Object.keys(result.deliveries).length > 0) {
      results.push(result);
      app.logger.warn(result, `account ${down.name} is down (${result.reason}): its rooms and queued deliveries moved`);
      await alertOwner(app, result, down.lastSeenAt);
    }
  }
  return results;
}

/** The down account's rooms as primary go to an online standby in each (the one there longest). */
async function handOverRooms(app: AppContext, downId: number, onlineIds: Set<number>, names: Map<number, string>) {
  const moved: AccountFailover["rooms"] = [];
  const rooms = await app.db.roomAccount.findMany({
    where: { accountId: downId, role: "primary" },
    select: { roomId: true, room: { select: { topic: true } } },
  });
  for (const { roomId, room } of rooms) {
    const standby = await app.db.roomAccount.findFirst({
      where: { roomId, role: "standby", accountId: { in: [...onlineIds] } },
      orderBy: { since: "asc" },
    });
    if (!standby) continue;
    await app.db.$transaction([
      app.db.roomAccount.updateMany({ where: { roomId, accountId: downId, role: "primary" }, data: { role: "standby" } }),
      app.db.roomAccount.update({ where: { roomId_accountId: { roomId, accountId: standby.accountId } }, data: { role: "primary" } }),
    ]);
    moved.push({ roomId, topic: room.topic, to: names.get(standby.accountId)! });
  }
  return moved;
}

/** The down account's queued rows, routed again (its state is no longer online), moved where it changed. */
async function moveQueuedDeliveries(app: AppContext, from: string): Promise<Record<string, number>> {
  const rows = await app.db.delivery.findMany({
    where: { account: from, status: "queued" },
    select: { id: true, kind: true, memberId: true, roomId: true, text: true, deferredUntil: true },
    orderBy: { id: "asc" },
    take: PAGE,
  });
  const routable = rows.filter((row) => row.memberId !== null || row.roomId !== null);
  const messages: OutgoingMessage[] = routable.map((row) => ({
    kind: row.kind,
    text: row.text,
    to: row.roomId !== null ? { roomId: row.roomId } : { memberId: row.memberId! },
  }));
  const routes = await resolveAccounts(app.db, messages, app.config.account);
  const byTarget = new Map<string, typeof routable>();
  routable.forEach((row, i) => {
    const to = routes[i]!.account;
    // Nobody else can serve it: it waits for its account's return, in its queue.
    if (!to || to === from) return;
    const list = byTarget.get(to);
    if (list) list.push(row);
    else byTarget.set(to, [row]);
  });
  const moved: Record<string, number> = {};
  for (const [to, list] of byTarget) {
    const ids = await app.outbox.moveToAccount(list, from, to);
    if (ids.length > 0) moved[to] = ids.length;
  }
  return moved;
}

/** Once per drop (keyed on when the account was last seen online). */
async function alertOwner(app: AppContext, failover: AccountFailover, lastSeenAt: Date | null): Promise<void> {
  const owner = await app.db.member.upsert({
    where: { wechatId: app.config.ownerWechatId },
    create: { wechatId: app.config.ownerWechatId, name: app.config.ownerWechatId },
    update: {},
  });
  await app.outbox.send({
    kind: "alert",
    to: { memberId: owner.id },
    text: fleetTexts.accountDown(failover),
    dedupeKey: `fleet:down:${failover.account}:${lastSeenAt?.getTime() ?? 0}`,
  });
}
