import type { Db } from "../db/client.js";
import { isMarketing } from "../outbox/message-kind.js";
import type { OutgoingMessage } from "../outbox/outgoing-message.js";
import { type MemberPath, type RoomSeat, type RouteDecision, routeDelivery } from "./route-delivery.js";

/**
 * Decides the account of each message of a batch (three reads, whatever its size). With one account
 * (or none registered yet: a fresh install, most tests) everything goes through `own`, as before the fleet.
 * `own` is also the preferred account for replies: the process answering is the one the member wrote to.
 */
export async function resolveAccounts(db: Db, messages: readonly OutgoingMessage[], own: string): Promise<RouteDecision[]> {
  const accounts = await db.botAccount.findMany({ where: { state: { not: "retired" } }, select: { id: true, name: true, state: true } });
  if (accounts.length <= 1 || !accounts.some((a) => a.name !== own)) return messages.map(() => ({ account: own }));
  const online = accounts.filter((a) => a.state === "online").map((a) => a.name);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const roomIds = [...new Set(messages.flatMap((m) => ("roomId" in m.to ? [m.to.roomId] : [])))];
  const memberIds = [...new Set(messages.flatMap((m) => ("memberId" in m.to ? [m.to.memberId] : [])))];
  const seats = new Map<number, RoomSeat[]>();
  if (roomIds.length) {
    for (const row of await db.roomAccount.findMany({ where: { roomId: { in: roomIds } }, orderBy: { since: "asc" } })) {
      const account = byId.get(row.accountId);
      if (!account) continue;
      const list = seats.get(row.roomId) ?? [];
      list.push({ account: account.name, role: row.role, online: account.state === "online" });
      seats.set(row.roomId, list);
    }
  }
  const paths = new Map<number, MemberPath[]>();
  const dedicated = new Map<number, string>();
  if (memberIds.length) {
    for (const row of await db.memberReach.findMany({ where: { memberId: { in: memberIds } }, orderBy: { since: "asc" } })) {
      const account = byId.get(row.accountId);
      if (!account) continue;
      const list = paths.get(row.memberId) ?? [];
      list.push({ account: account.name, source: row.source, online: account.state === "online" });
      paths.set(row.memberId, list);
    }
    const withDedicated = await db.member.findMany({
      where: { id: { in: memberIds }, dedicatedAccountId: { not: null } },
      select: { id: true, dedicatedAccountId: true },
    });
    for (const row of withDedicated) {
      const account = byId.get(row.dedicatedAccountId!);
      if (account) dedicated.set(row.id, account.name);
    }
  }
  return messages.map((message) =>
    routeDelivery({
      facts:
        "roomId" in message.to
          ? { kind: "room", seats: seats.get(message.to.roomId) ?? [] }
          : { kind: "member", dedicated: dedicated.get(message.to.memberId), paths: paths.get(message.to.memberId) ?? [] },
      prefer: own,
      marketing: isMarketing(message.kind),
      online,
    }),
  );
}
