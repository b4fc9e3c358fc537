import type { Db } from "../../kernel/db/client.js";
import type { Outbox } from "../../kernel/outbox/outgoing-message.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { issueCoupon } from "./issue-coupon.js";

/**
 * The welcome gift: a member's first-ever join earns the new-member coupon, privately, once per member
 * (the coupon's and the message's dedupe keys make a repeated join event harmless).
 */
export async function giveWelcomeCoupon(
  db: Db,
  outbox: Outbox,
  input: { memberId: number; name: string; templateName: string; timeZone: string; at: Date },
): Promise<{ kind: "given" | "alreadyGiven" | "noTemplate" | "limit" }> {
  const outcome = await issueCoupon(db, {
    templateName: input.templateName,
    memberId: input.memberId,
    campaign: "welcome",
    dedupeKey: `welcome:member:${input.memberId}`,
    at: input.at,
  });
  if (outcome.kind === "noTemplate") return { kind: "noTemplate" };
  if (outcome.kind !== "issued" && outcome.kind !== "existing") return { kind: "limit" };
  const queued = await outbox.send({
    kind: "notice",
    to: { memberId: input.memberId },
    text: `${input.name}，欢迎加入！送你一张新人券「${outcome.template.name}」：${outcome.coupon.code}，有效期至 ${formatLocal(outcome.coupon.expiresAt, input.timeZone, "yyyy-MM-dd HH:mm")}。发送「我的券」随时查看。`,
    dedupeKey: `welcome-coupon:member:${input.memberId}`,
    campaign: "welcome",
  });
  return { kind: queued.created ? "given" : "alreadyGiven" };
}
