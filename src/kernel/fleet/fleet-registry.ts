// The fleet's tables (docs/fleet.md): which accounts exist and their state, which are in each room
// (one primary, standbys), which can reach each member privately. Written by the bot edge (login sync,
// joins and leaves, private messages) and the failover check; read by the routing at enqueue.
import type { Db } from "../db/client.js";
import type { AccountState, ReachSource } from "../db/generated/enums.js";

/** The account's row, made on first use; returns its id. */
export async function ensureAccount(db: Db, name: string): Promise<number> {
  await db.botAccount.createMany({ data: [{ name }], skipDuplicates: true });
  return (await db.botAccount.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

/** Online at login, offline at logout, limited while the breaker is open. `wechatId` once known. */
export async function setAccountState(db: Db, name: string, state: AccountState, at: Date, wechatId?: string): Promise<void> {
  await ensureAccount(db, name);
  if (wechatId) {
    // A WeChat id moves to the account now logged in with it (an account renamed in BOT_ACCOUNT).
    await db.botAccount.updateMany({ where: { wechatId, name: { not: name } }, data: { wechatId: null } });
  }
  await db.botAccount.update({ where: { name }, data: { state, lastSeenAt: at, ...(wechatId ? { wechatId } : {}) } });
}

/** The WeChat ids of every account of the fleet: their messages and room presence are not a member's. */
export async function fleetWechatIds(db: Db): Promise<Set<string>> {
  const rows = await db.botAccount.findMany({ where: { wechatId: { not: null } }, select: { wechatId: true } });
  return new Set(rows.map((row) => row.wechatId!));
}

/**
 * The account is in the room: it becomes the room's primary when the room has none, else a standby.
 * An advisory lock per room keeps two accounts syncing at once from both becoming primary.
 */
export async function recordRoomPresence(db: Db, account: string, roomIds: readonly number[]): Promise<void> {
  if (roomIds.length === 0) return;
  const accountId = await ensureAccount(db, account);
  for (const roomId of roomIds) {
    await db.$transaction([
      db.$executeRaw`select pg_advisory_xact_lock(${ROOM_LOCK_SPACE}::int, ${roomId}::int)`,
      db.$executeRaw`
        insert into room_accounts (room_id, account_id, role)
        select ${roomId}, ${accountId},
               (case when exists (select 1 from room_accounts where room_id = ${roomId} and role = 'primary')
                     then 'standby' else 'primary' end)::"RoomAccountRole"
        on conflict (room_id, account_id) do nothing`,
    ]);
  }
}

// The first key of pg_advisory_xact_lock(int, int): a space of our own for room locks.
const ROOM_LOCK_SPACE = 7310;

/**
 * The account left the room (or was removed): its row goes; a standby (online first) becomes primary if
 * it was. Returns how many of our accounts are still in the room.
 */
export async function recordRoomAbsence(db: Db, account: string, roomId: number): Promise<number> {
  const accountId = await ensureAccount(db, account);
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${ROOM_LOCK_SPACE}::int, ${roomId}::int)`;
    const removed = await tx.roomAccount.deleteMany({ where: { roomId, accountId, role: "primary" } });
    await tx.roomAccount.deleteMany({ where: { roomId, accountId } });
    if (removed.count === 0) return;
    const next = await tx.roomAccount.findFirst({
      where: { roomId },
      orderBy: [{ account: { state: "asc" } }, { since: "asc" }],
      select: { accountId: true },
    });
    if (next)
      await tx.roomAccount.update({ where: { roomId_accountId: { roomId, accountId: next.accountId } }, data: { role: "primary" } });
  });
  return db.roomAccount.count({ where: { roomId } });
}

/** The account can message these members privately (its friends, or members who wrote to it). */
export async function recordReach(db: Db, account: string, memberIds: readonly number[], source: ReachSource): Promise<void> {
  if (memberIds.length === 0) return;
  const accountId = await ensureAccount(db, account);
  await db.memberReach.createMany({ data: memberIds.map((memberId) => ({ memberId, accountId, source })), skipDuplicates: true });
}

/**
 * How a room message is handled when several of our accounts are in the room: `answer` (the primary,
 * or the only account), `claim` (a standby while the primary is not online: the first to claim the
 * message answers), `standby` (leave it to the primary: not even counted).
 */
export type RoomDuty = "answer" | "claim" | "standby";

/**
 * Whether this account answers in the room: the room's primary does while online; a standby does
 * only while the primary is not online (the caller then claims the message, so one standby answers).
 * An account the fleet does not list in the room (one account, no sync yet) answers.
 */
export async function roomDuty(db: Db, account: string, wechatRoomId: string): Promise<RoomDuty> {
  const rows = await db.roomAccount.findMany({
    where: { room: { wechatRoomId } },
    select: { role: true, account: { select: { name: true, state: true } } },
  });
  const mine = rows.find((row) => row.account.name === account);
  if (!mine || rows.length === 1) return "answer";
  if (mine.role === "primary") return "answer";
  return rows.some((row) => row.role === "primary" && row.account.state === "online") ? "standby" : "claim";
}

/**
 * Makes `account` the room's primary (the operator's choice, or a scenario's declared primary); the old
 * primary becomes a standby. False when the account is not in the room.
 */
export async function setRoomPrimary(db: Db, roomId: number, account: string): Promise<boolean> {
  const accountId = await ensureAccount(db, account);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${ROOM_LOCK_SPACE}::int, ${roomId}::int)`;
    const seat = await tx.roomAccount.findUnique({ where: { roomId_accountId: { roomId, accountId } } });
    if (!seat) return false;
    await tx.roomAccount.updateMany({ where: { roomId, role: "primary", accountId: { not: accountId } }, data: { role: "standby" } });
    await tx.roomAccount.update({ where: { roomId_accountId: { roomId, accountId } }, data: { role: "primary" } });
    return true;
  });
}
