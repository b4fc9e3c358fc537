import type { AppContext } from "../../kernel/app-context.js";
import type { NotFound } from "../../kernel/outcomes.js";
import { issueCoupon } from "./issue-coupon.js";
import { couponTexts } from "./texts.js";

/** given / alreadyGiven (a repeated join event), no such template, or its quota or per-member limit. */
export type GiveWelcomeCouponOutcome = { kind: "given" | "alreadyGiven" | "limit" } | NotFound;

/**
 * The welcome gift: a member's first-ever join earns the new-member coupon, privately, once per member
 * (the coupon's and the message's dedupe keys make a repeated join event harmless).
 */
export async function giveWelcomeCoupon(
  app: AppContext,
  input: { memberId: number; name: string; templateName: string; timeZone: string; at: Date },
): Promise<GiveWelcomeCouponOutcome> {
  const outcome = await issueCoupon(app, {
    templateName: input.templateName,
    memberId: input.memberId,
    campaign: "welcome",
    dedupeKey: `welcome:member:${input.memberId}`,
    at: input.at,
  });
  if (outcome.kind === "notFound") return outcome;
  if (outcome.kind !== "issued" && outcome.kind !== "existing") return { kind: "limit" };
  const queued = await app.outbox.send({
    kind: "notice",
    to: { memberId: input.memberId },
    text: couponTexts.welcome(input.name, outcome.template.name, outcome.coupon, input.timeZone),
    dedupeKey: `welcome-coupon:member:${input.memberId}`,
    campaign: "welcome",
  });
  return { kind: queued.created ? "given" : "alreadyGiven" };
}
