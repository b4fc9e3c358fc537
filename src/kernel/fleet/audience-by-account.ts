import type { Db, Prisma } from "../db/client.js";

/**
 * How a member audience (a SQL condition over `members m`) splits over the fleet's accounts, by the
 * routing rule at enqueue (an online account first, the dedicated one, a friend before one written to):
 * one aggregate, so a 500,000-member preview is one statement. `account: null` is nobody (no_account).
 * Undefined with one account (everything goes through it).
 */
export async function audienceByAccount(
  db: Db,
  condition: Prisma.Sql,
): Promise<Array<{ account: string | null; members: number }> | undefined> {
  const accounts = await db.botAccount.count({ where: { state: { not: "retired" } } });
  if (accounts <= 1) return undefined;
  const rows = await db.$queryRaw<Array<{ account: string | null; members: number }>>`
    select a.name as account, count(*)::int as members
      from members m
      left join lateral (
        select ba.name from member_reach r join bot_accounts ba on ba.id = r.account_id
         where r.member_id = m.id and ba.state <> 'retired'
         order by (ba.state = 'online') desc, (ba.id = m.dedicated_account_id) desc, (r.source = 'friend') desc, r.since
         limit 1) a on true
     where ${condition} and m.opted_out_at is null
     group by a.name
     order by a.name nulls last`;
  return rows;
}
