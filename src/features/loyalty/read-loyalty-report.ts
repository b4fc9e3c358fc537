import type { AppContext } from "../../kernel/app-context.js";
import { rankInviters } from "./invite-members.js";
import { SURVEY_ANSWERS } from "./rules/survey.js";

export interface LoyaltyReport {
  earned: number;
  reversed: number;
  spent: number;
  expired: number;
  /** The liability: points members hold, and what they are worth at the catalogue's average coupon value per point. */
  outstanding: number;
  outstandingCents: number | null;
  levels: Array<{ level: string; members: number }>;
  inviters: Array<{ name: string; invited: number; ordered: number; rewarded: number }>;
  rungs: Array<{ ladder: string; cents: number; granted: number; reversed: number }>;
  survey: Array<{ answer: string; members: number }>;
}

/** 积分 报告: points issued, spent, expired and outstanding; members per level; referrals; ladder rungs; survey answers. */
export async function readLoyaltyReport(app: AppContext): Promise<LoyaltyReport> {
  const { db, config } = app;
  const bySource = await db.pointEntry.groupBy({ by: ["source"], _sum: { points: true } });
  const sum = (...sources: string[]) => bySource.filter((r) => sources.includes(r.source)).reduce((s, r) => s + (r._sum.points ?? 0), 0);
  const earned = sum("order", "checkin", "checkin_streak", "referral", "adjust");
  const reversed = -sum("order_reversal", "referral_reversal");
  const spent = -sum("redeem", "redeem_release");
  const expired = -sum("expiry");
  const outstanding = earned - reversed - spent - expired;
  // Yuan per point: the average over catalogue items that give a coupon with a face value.
  const items = await db.exchangeItem.findMany({ where: { active: true, couponTemplateId: { not: null } } });
  const templates = await db.couponTemplate.findMany({ where: { id: { in: items.map((i) => i.couponTemplateId!) } } });
  const rates = items.map((i) => (templates.find((t) => t.id === i.couponTemplateId)?.valueCents ?? 0) / i.points).filter((r) => r > 0);
  const centsPerPoint = rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
  const levelRows = await db.memberLevel.groupBy({ by: ["level"], _count: { _all: true } });
  const levels = config.loyalty.levels.map((l) => ({
    level: l.name,
    members: levelRows.find((r) => r.level === l.name)?._count._all ?? 0,
  }));
  const ladders = await db.spendLadder.findMany({ orderBy: { id: "desc" }, take: 5 });
  const grants = await db.ladderGrant.findMany({ where: { ladderId: { in: ladders.map((l) => l.id) } } });
  const rungs = ladders.flatMap((ladder) =>
    (ladder.rungs as Array<{ cents: number }>).map((r) => {
      const mine = grants.filter((g) => g.ladderId === ladder.id && g.rungCents === r.cents);
      return {
        ladder: ladder.name,
        cents: r.cents,
        granted: mine.filter((g) => !g.reversedAt).length,
        reversed: mine.filter((g) => g.reversedAt).length,
      };
    }),
  );
  const surveyTags = await db.tag.findMany({
    where: { name: { in: Object.values(SURVEY_ANSWERS).map((w) => `调研:${w}`) } },
    include: { _count: { select: { members: true } } },
  });
  const survey = Object.values(SURVEY_ANSWERS).map((w) => ({
    answer: w,
    members: surveyTags.find((t) => t.name === `调研:${w}`)?._count.members ?? 0,
  }));
  return {
    earned,
    reversed,
    spent,
    expired,
    outstanding,
    outstandingCents: centsPerPoint === null ? null : Math.round(outstanding * centsPerPoint),
    levels,
    inviters: (await rankInviters(app, { take: 5 })).map(({ memberId: _, ...rest }) => rest),
    rungs,
    survey,
  };
}
