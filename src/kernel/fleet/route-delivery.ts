// Which account a delivery leaves through, decided when it is queued (pure: the resolver reads the facts).

export interface RoomSeat {
  account: string;
  role: "primary" | "standby";
  online: boolean;
}

export interface MemberPath {
  account: string;
  source: "friend" | "wrote";
  online: boolean;
}

export type RouteFacts =
  | { kind: "room"; seats: readonly RoomSeat[] }
  | { kind: "member"; dedicated?: string; paths: readonly MemberPath[] };

export interface RouteInput {
  facts: RouteFacts;
  /** Replies and notices: the account the member wrote to (the process answering), when it can reach them. */
  prefer?: string;
  /** Marketing is never sent blind; a reply or alert may go through any online account (WeChat then decides). */
  marketing: boolean;
  /** Online accounts, for a reply or alert with no known path. */
  online: readonly string[];
}

export type RouteDecision = { account: string } | { account: null; reason: "no_account" };

/**
 * The routing rule. A room: the preferred account if it is in the room and online (a reply goes out
 * through the account that received the command), else the online primary, else an online standby,
 * else the primary anyway (it waits in that account's queue until failover or the account's return).
 * A member: the preferred account if it reaches them, else the dedicated account, else a friend, else
 * one the member wrote to (online ones first; an offline one's queue waits as for a room). Nobody:
 * `no_account`, except a reply or alert, which goes through the preferred or any online account.
 *
 * @example routeDelivery({ facts: { kind: "room", seats: [{ account: "a", role: "primary", online: false }, { account: "b", role: "standby", online: true }] }, marketing: true, online: ["b"] }) // { account: "b" }
 */
export function routeDelivery(input: RouteInput): RouteDecision {
  const { facts, prefer, marketing, online } = input;
  const pick = (candidates: ReadonlyArray<{ account: string; online: boolean }>): string | undefined => {
    if (!marketing && prefer && candidates.some((c) => c.account === prefer && c.online)) return prefer;
    return (candidates.find((c) => c.online) ?? candidates[0])?.account;
  };
  let chosen: string | undefined;
  if (facts.kind === "room") {
    const ordered = [...facts.seats].sort((a, b) => rank(a.role) - rank(b.role));
    chosen = pick(ordered);
  } else {
    const ordered = [...facts.paths].sort(
      (a, b) =>
        Number(b.account === facts.dedicated) - Number(a.account === facts.dedicated) || sourceRank(a.source) - sourceRank(b.source),
    );
    chosen = pick(ordered);
  }
  if (chosen) return { account: chosen };
  if (!marketing) {
    const fallback = prefer && online.includes(prefer) ? prefer : (online[0] ?? prefer);
    if (fallback) return { account: fallback };
  }
  return { account: null, reason: "no_account" };
}

const rank = (role: RoomSeat["role"]) => (role === "primary" ? 0 : 1);
const sourceRank = (source: MemberPath["source"]) => (source === "friend" ? 0 : 1);
