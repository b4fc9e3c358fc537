import { type Db, Prisma } from "../db/client.js";
import { startOfLocalDay } from "../time/zone.js";
import { MEMBER_CAPPED_KINDS } from "./message-kind.js";

export interface MemberCaps {
  perDay: number;
  perWeek: number;
}

/**
 * The cap rule as an SQL subquery yielding the ids of members who have had their share of pushes and
 * campaigns (today in the community's zone, or in the last 7 days), across all campaigns; `among`
 * narrows it to some members. The one statement of the rule: the sender, the push preview and
 * win-back selection all use it.
 */
export function membersAtCapSql(caps: MemberCaps, now: Date, timeZone: string, among?: readonly number[]): Prisma.Sql {
  const only = among ? Prisma.sql`and member_id = any(${among as number[]}::int[])` : Prisma.empty;
  return Prisma.sql`
    select member_id from deliveries
     where status = 'sent' and kind = any(${MEMBER_CAPPED_KINDS as string[]}::"MessageKind"[])
       and sent_at >= ${new Date(now.getTime() - 7 * 86_400_000)} and member_id is not null ${only}
     group by member_id
    having count(*) filter (where sent_at >= ${startOfLocalDay(now, timeZone)}) >= ${caps.perDay} or count(*) >= ${caps.perWeek}`;
}

/** Which of `memberIds` are at their caps now: the outbox skips them, a coupon push leaves them out. */
export async function membersAtCap(
  db: Db,
  memberIds: readonly number[],
  caps: MemberCaps,
  now: Date,
  timeZone: string,
): Promise<Set<number>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ member_id: number }>>(membersAtCapSql(caps, now, timeZone, memberIds));
  return new Set(rows.map((r) => r.member_id));
}
