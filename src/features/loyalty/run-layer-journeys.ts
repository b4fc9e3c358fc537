import type { AppContext } from "../../kernel/app-context.js";
import { localDay } from "../../kernel/time/zone.js";
import { openTicket, recolourTicket } from "../service-desk/index.js";
import { editMemberTags } from "../tags/index.js";
import { SURVEY_ANSWERS } from "./rules/survey.js";
import { loyaltyTexts } from "./texts.js";

const DAY = 86_400_000;

/**
 * The nightly layer journeys. (a) 引导关怀: members whose first paid order was 7 days ago (community day)
 * get a usage tip for that order's category (the operator's 贴士 for it, or the default text), privately. (b) 一对一调研: members who entered 流失风险 since
 * the day before get the one-question survey (answered with 调研 1–4). Both are kind campaign: opt-outs,
 * caps and quiet hours apply; each is sent once per member by its dedupe key.
 */
export async function runLayerJourneys(app: AppContext, input: { at: Date }): Promise<{ tips: number; surveys: number }> {
  const { db, config } = app;
  const zone = config.timeZone;
  const day = localDay(new Date(input.at.getTime() - 7 * DAY), zone);
  // First paid orders whose community day was 7 days ago (a window of two days around it, filtered exactly).
  const firsts = await db.$queryRaw<Array<{ member_id: number; paid_at: Date; category: string | null }>>`
    SELECT DISTINCT ON (o.member_id) o.member_id, coalesce(o.paid_at, o.placed_at) AS paid_at, o.categories[1] AS category
    FROM orders o
    WHERE o.member_id IS NOT NULL AND o.status IN ('paid', 'refunded')
      AND o.member_id IN (SELECT member_id FROM orders WHERE status IN ('paid', 'refunded')
                          AND coalesce(paid_at, placed_at) BETWEEN ${new Date(input.at.getTime() - 9 * DAY)} AND ${new Date(input.at.getTime() - 6 * DAY)})
    ORDER BY o.member_id, coalesce(o.paid_at, o.placed_at), o.id`;
  const due = firsts.filter((f) => localDay(f.paid_at, zone) === day);
  const templates = due.length ? new Map((await db.usageTip.findMany()).map((t) => [t.category, t.text])) : new Map<string, string>();
  const tips = await app.outbox.sendMany(
    due.map((f) => ({
      kind: "campaign" as const,
      to: { memberId: f.member_id },
      text: loyaltyTexts.usageTip(f.category, f.category === null ? undefined : templates.get(f.category.trim())),
      dedupeKey: `journey-tip:${f.member_id}`,
      campaign: "journey-tip",
    })),
  );
  const entered = await db.layerChange.findMany({
    where: { toLayer: "at_risk", changedAt: { gt: new Date(input.at.getTime() - 2 * DAY), lte: input.at } },
    select: { id: true, memberId: true },
  });
  const surveys = await app.outbox.sendMany(
    entered.map((c) => ({
      kind: "campaign" as const,
      to: { memberId: c.memberId },
      text: loyaltyTexts.survey,
      dedupeKey: `journey-survey:${c.id}`,
      campaign: "journey-survey",
    })),
  );
  return { tips: tips.filter((q) => q.created).length, surveys: surveys.filter((q) => q.created).length };
}

export type SurveyAnswerOutcome = { kind: "answered"; tag: string; ticketId?: number } | { kind: "notAsked" };

/**
 * 调研 2: the answer becomes a tag (调研:质量 …); 2 (quality) also opens a green service ticket. Only a
 * member who was sent the survey may answer; answering again replaces the tag.
 */
export async function answerSurvey(
  app: AppContext,
  input: { memberId: number; answer: 1 | 2 | 3 | 4; at: Date },
): Promise<SurveyAnswerOutcome> {
  const { db } = app;
  const asked = await db.delivery.findFirst({ where: { memberId: input.memberId, campaign: "journey-survey" } });
  if (!asked) return { kind: "notAsked" };
  const tag = `调研:${SURVEY_ANSWERS[input.answer]}`;
  const others = Object.values(SURVEY_ANSWERS)
    .map((word) => `调研:${word}`)
    .filter((t) => t !== tag);
  await editMemberTags(app, { memberId: input.memberId, add: [tag], remove: others, at: input.at });
  if (input.answer !== 2) return { kind: "answered", tag };
  const member = await db.member.findUniqueOrThrow({ where: { id: input.memberId } });
  const opened = await openTicket(app, { member, text: "回访调研：觉得质量有问题 / survey: quality" });
  if (opened.kind === "opened") await recolourTicket(app, opened.ticket.id, "green");
  return { kind: "answered", tag, ticketId: opened.ticket.id };
}
