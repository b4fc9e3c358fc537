import type { Db } from "../../infra/db/client.js";
import type { CouponTemplate } from "../../infra/db/generated/client.js";
import type { Outbox } from "../../domain/outbox/outgoing-message.js";
import { fillTemplate } from "../../domain/text/fill-template.js";
import { formatLocal } from "../../domain/time/zone.js";
import { issueCouponsInBulk } from "../coupons/issue-coupon.js";
import type { WinbackLayer } from "./select-winback-targets.js";

export interface WinbackSettings {
  /** Template name per layer: { at_risk: "满200减30", lost: "立减100" }. */
  coupons: Record<WinbackLayer, string>;
  text: string;
  timeZone: string;
}

export const winbackCampaign = (runId: number) => `winback:${runId}`;
/** One coupon and one message per (run, member), whatever the retries. */
export const winbackKey = (runId: number, memberId: number) => `winback:${runId}:member:${memberId}`;

export type ProcessWinbackOutcome =
  | { kind: "done"; processed: number; batches: number }
  | { kind: "noRun" }
  | { kind: "noTemplate"; name: string };

/**
 * Works through a run's treated targets in member-id order, a batch at a time: coupons (one insert,
 * keyed per run and member), then the messages (one sendMany, same keys), then the cursor. A run killed
 * anywhere resumes after the cursor, and a batch redone finds its coupons and messages by their keys,
 * so no member ever gets a second coupon or message.
 */
export async function processWinbackRun(
  db: Db,
  outbox: Outbox,
  input: { runId: number; at: Date; settings: WinbackSettings; batchSize?: number; afterBatch?: (processed: number) => Promise<void> | void },
): Promise<ProcessWinbackOutcome> {
  const run = await db.winbackRun.findUnique({ where: { id: input.runId } });
  if (!run) return { kind: "noRun" };
  const templates = new Map<string, CouponTemplate>();
  for (const [layer, name] of Object.entries(input.settings.coupons)) {
    const template = await db.couponTemplate.findUnique({ where: { name } });
    if (!template) return { kind: "noTemplate", name };
    templates.set(layer, template);
  }
  const campaign = winbackCampaign(run.id);
  let cursor = run.cursor;
  let processed = 0;
  let batches = 0;
  for (;;) {
    const batch = await db.$queryRaw<Array<{ member_id: number; layer: WinbackLayer; name: string }>>`
      SELECT t.member_id, t.layer, m.name FROM winback_targets t JOIN members m ON m.id = t.member_id
      WHERE t.run_id = ${run.id} AND NOT t.holdout AND t.member_id > ${cursor}
      ORDER BY t.member_id LIMIT ${input.batchSize ?? 1000}`;
    if (batch.length === 0) break;
    const messages = [];
    for (const [layer, template] of templates) {
      const targets = batch.filter((t) => t.layer === layer);
      const coupons = await issueCouponsInBulk(
        db,
        template,
        targets.map((t) => ({ memberId: t.member_id, dedupeKey: winbackKey(run.id, t.member_id), campaign })),
        input.at,
      );
      for (const target of targets) {
        const coupon = coupons.get(winbackKey(run.id, target.member_id));
        if (!coupon) continue; // quota exhausted: no coupon, no message
        messages.push({
          kind: "campaign" as const,
          to: { memberId: target.member_id },
          text: fillTemplate(input.settings.text, {
            昵称: target.name,
            券码: coupon.code,
            有效期: formatLocal(coupon.expiresAt, input.settings.timeZone, "yyyy-MM-dd"),
            券名: template.name,
          }),
          dedupeKey: winbackKey(run.id, target.member_id),
          campaign,
        });
      }
    }
    await outbox.sendMany(messages);
    const from = cursor;
    cursor = batch[batch.length - 1]!.member_id;
    await db.$executeRaw`
      UPDATE winback_targets t SET coupon_id = c.id FROM coupons c
      WHERE t.run_id = ${run.id} AND t.coupon_id IS NULL AND NOT t.holdout AND t.member_id > ${from} AND t.member_id <= ${cursor}
        AND c.dedupe_key = 'winback:' || t.run_id || ':member:' || t.member_id`;
    await db.winbackRun.update({ where: { id: run.id }, data: { cursor } });
    processed += batch.length;
    batches++;
    await input.afterBatch?.(processed);
  }
  await db.winbackRun.updateMany({ where: { id: run.id, status: "running" }, data: { status: "done", finishedAt: input.at } });
  return { kind: "done", processed, batches };
}
