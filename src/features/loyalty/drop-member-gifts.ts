import type { AppContext } from "../../kernel/app-context.js";
import { localDay } from "../../kernel/time/zone.js";
import { issueCouponsInBulk, listCouponTemplates } from "../coupons/index.js";
import { birthdaysOn } from "./rules/birthday.js";
import { levelRank } from "./rules/levels.js";
import { loyaltyTexts } from "./texts.js";

/** Members of `level` and above (an unknown level name: nobody, and a warning). */
async function membersFromLevel(app: AppContext, level: string, among?: number[]): Promise<number[]> {
  const levels = app.config.loyalty.levels;
  const rank = levelRank(levels, level);
  if (rank < 0) {
    app.logger.warn({ level }, "member gifts: no such level in LOYALTY_LEVELS");
    return [];
  }
  const rows = await app.db.memberLevel.findMany({
    where: { level: { in: levels.slice(rank).map((l) => l.name) }, ...(among ? { memberId: { in: among } } : {}) },
    select: { memberId: true },
  });
  return rows.map((r) => r.memberId);
}

/** Issues one coupon per member (idempotent per key) and queues the private message (kind campaign). */
async function gift(
  app: AppContext,
  input: {
    memberIds: number[];
    templateName: string;
    keyOf: (id: number) => string;
    text: (code: string, expiresAt: Date) => string;
    campaign: string;
    at: Date;
  },
) {
  if (input.memberIds.length === 0) return 0;
  const template = (await listCouponTemplates(app)).find((t) => t.name === input.templateName);
  if (!template) {
    app.logger.warn({ template: input.templateName }, "member gifts: no such coupon template");
    return 0;
  }
  const coupons = await issueCouponsInBulk(
    app,
    template,
    input.memberIds.map((memberId) => ({ memberId, dedupeKey: input.keyOf(memberId), campaign: input.campaign })),
    input.at,
  );
  const queued = await app.outbox.sendMany(
    input.memberIds.flatMap((memberId) => {
      const coupon = coupons.get(input.keyOf(memberId));
      if (!coupon) return [];
      return [
        {
          kind: "campaign" as const,
          to: { memberId },
          text: input.text(coupon.code, coupon.expiresAt),
          dedupeKey: input.keyOf(memberId),
          campaign: input.campaign,
        },
      ];
    }),
  );
  return queued.filter((q) => q.created).length;
}

/**
 * The nightly run's 会员日 and 生日礼: on MEMBER_DAY, members of MEMBER_DAY_LEVEL and above get the member-day
 * coupon (once a month); members of BIRTHDAY_LEVEL and above whose birthday is today get the birthday
 * coupon (once a year). Kind campaign: opt-outs and caps apply, and quiet hours hold the message until morning.
 */
export async function dropMemberGifts(app: AppContext, input: { at: Date }): Promise<{ memberDay: number; birthdays: number }> {
  const { config, db } = app;
  const today = localDay(input.at, config.timeZone);
  const zone = config.timeZone;
  let memberDay = 0;
  const { memberDay: md, birthday } = config.loyalty;
  if (md.day > 0 && Number(today.slice(8, 10)) === md.day) {
    const month = today.slice(0, 7);
    memberDay = await gift(app, {
      memberIds: await membersFromLevel(app, md.level),
      templateName: md.coupon,
      keyOf: (id) => `member-day:${month}:${id}`,
      text: (code, expiresAt) => loyaltyTexts.memberDayGift(md.coupon, code, expiresAt, zone),
      campaign: "member-day",
      at: input.at,
    });
  }
  const born = await db.memberBirthday.findMany({ where: { OR: birthdaysOn(today) }, select: { memberId: true } });
  const year = today.slice(0, 4);
  const birthdays = await gift(app, {
    memberIds: born.length
      ? await membersFromLevel(
          app,
          birthday.level,
          born.map((b) => b.memberId),
        )
      : [],
    templateName: birthday.coupon,
    keyOf: (id) => `birthday:${year}:${id}`,
    text: (code, expiresAt) => loyaltyTexts.birthdayGift(birthday.coupon, code, expiresAt, zone),
    campaign: "birthday",
    at: input.at,
  });
  return { memberDay, birthdays };
}

export type SetBirthdayOutcome = { kind: "set"; month: number; day: number } | { kind: "alreadySet"; month: number; day: number };

/** 生日 3-15: once by the member; an operator may change it (生日 @某人 3-15). */
export async function setBirthday(
  app: AppContext,
  input: { memberId: number; month: number; day: number; byOperator: boolean; at: Date },
): Promise<SetBirthdayOutcome> {
  const { db } = app;
  if (input.byOperator) {
    await db.memberBirthday.upsert({
      where: { memberId: input.memberId },
      create: { memberId: input.memberId, month: input.month, day: input.day, setAt: input.at },
      update: { month: input.month, day: input.day, setAt: input.at },
    });
    return { kind: "set", month: input.month, day: input.day };
  }
  const created = await db.memberBirthday.createMany({
    data: [{ memberId: input.memberId, month: input.month, day: input.day, setAt: input.at }],
    skipDuplicates: true,
  });
  if (created.count === 1) return { kind: "set", month: input.month, day: input.day };
  const existing = await db.memberBirthday.findUniqueOrThrow({ where: { memberId: input.memberId } });
  return { kind: "alreadySet", month: existing.month, day: existing.day };
}
