import { Prisma, type Db } from "../db/client.js";
import { MEMBER_CAPPED_KINDS } from "../../domain/outbox/message-kind.js";
import { startOfLocalDay } from "../../domain/time/zone.js";

export interface MemberCaps {
  perDay: number;
  perWeek: number;
}

/**
 * Members who have already had their share of pushes and campaigns (today in the community's zone,
 * or in the last 7 days), across all campaigns. The outbox skips them; previews count them out.
 */
export async function membersAtCap(db: Db, memberIds: readonly number[], caps: MemberCaps, now: Date, timeZone: string): Promise<Set<number>> {
  if (memberIds.length === 0) return new Set();
  const dayStart = startOfLocalDay(now, timeZone);
  const weekStart = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await db.$queryRaw<Array<{ member_id: number; today: number; week: number }>>`
    select member_id,
           count(*) filter (where sent_at >= ${dayStart})::int as today,
           count(*)::int as week
      from deliveries
     where member_id = any(${memberIds as number[]}::int[])
       and status = 'sent'
       and kind = any(${MEMBER_CAPPED_KINDS as string[]}::text[])
       and sent_at >= ${weekStart}
     group by member_id`;
  return new Set(rows.filter((r) => r.today >= caps.perDay || r.week >= caps.perWeek).map((r) => r.member_id));
}

/**
 * The same rule as an SQL subquery yielding the ids of members at their caps now, for set-based
 * selections (a win-back run leaves them out rather than issue a coupon no message will carry).
 */
export function membersAtCapSql(caps: MemberCaps, now: Date, timeZone: string): Prisma.Sql {
  return Prisma.sql`
    select member_id from deliveries
     where status = 'sent' and kind = any(${MEMBER_CAPPED_KINDS as string[]}::text[])
       and sent_at >= ${new Date(now.getTime() - 7 * 86_400_000)} and member_id is not null
     group by member_id
    having count(*) filter (where sent_at >= ${startOfLocalDay(now, timeZone)}) >= ${caps.perDay} or count(*) >= ${caps.perWeek}`;
}
