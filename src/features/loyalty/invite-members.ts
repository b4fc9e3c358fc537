import type { AppContext } from "../../kernel/app-context.js";
import { randomCode } from "../../kernel/codes/random-code.js";
import type { ReferralStatus } from "../../kernel/db/generated/client.js";
import { isUniqueViolation } from "../../kernel/db/unique-violation.js";

/** 邀请: the member's invite code (made once, from the CSPRNG; a clash is retried). */
export async function getInviteCode(app: AppContext, input: { memberId: number }): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const existing = await app.db.referralCode.findUnique({ where: { memberId: input.memberId } });
    if (existing) return existing.code;
    try {
      return (await app.db.referralCode.create({ data: { memberId: input.memberId, code: `Y${randomCode(7)}` } })).code;
    } catch (error) {
      // The member's own row won a race (read it again), or the code clashed (try another).
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

export interface InviteRecord {
  name: string;
  joinedAt: Date;
  status: ReferralStatus | "noOrder";
  points: number;
}

/** 邀请 记录: whom I invited (newest first, at most `take`) and what each earned. */
export async function listMyInvites(app: AppContext, input: { memberId: number; take?: number }): Promise<InviteRecord[]> {
  const invitees = await app.db.member.findMany({
    where: { invitedById: input.memberId },
    orderBy: { firstSeenAt: "desc" },
    take: input.take ?? 20,
    select: { id: true, name: true, firstSeenAt: true },
  });
  const referrals = await app.db.referral.findMany({ where: { inviteeId: { in: invitees.map((i) => i.id) } } });
  const byInvitee = new Map(referrals.map((r) => [r.inviteeId, r]));
  return invitees.map((i) => {
    const r = byInvitee.get(i.id);
    return { name: i.name, joinedAt: i.firstSeenAt, status: r?.status ?? "noOrder", points: r?.status === "rewarded" ? r.points : 0 };
  });
}

export interface InviterRow {
  memberId: number;
  name: string;
  invited: number;
  ordered: number;
  rewarded: number;
}

/** 邀请 排行: top inviters by members invited, with how many ordered and were rewarded (conversion). */
export async function rankInviters(app: AppContext, input: { take?: number } = {}): Promise<InviterRow[]> {
  const rows = await app.db.$queryRaw<Array<{ member_id: number; name: string; invited: number; ordered: number; rewarded: number }>>`
    SELECT m.invited_by_id AS member_id, i.name, count(*)::int AS invited,
           count(r.invitee_id)::int AS ordered, count(*) FILTER (WHERE r.status IN ('rewarded', 'reversed'))::int AS rewarded
    FROM members m JOIN members i ON i.id = m.invited_by_id
    LEFT JOIN referrals r ON r.invitee_id = m.id
    WHERE m.invited_by_id IS NOT NULL
    GROUP BY m.invited_by_id, i.name
    ORDER BY invited DESC, rewarded DESC, m.invited_by_id
    LIMIT ${input.take ?? 10}`;
  return rows.map((r) => ({ memberId: r.member_id, name: r.name, invited: r.invited, ordered: r.ordered, rewarded: r.rewarded }));
}
