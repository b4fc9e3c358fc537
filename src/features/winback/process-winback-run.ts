import type { AppContext } from "../../kernel/app-context.js";
import type { CouponTemplate } from "../../kernel/db/generated/client.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { fillTemplate } from "../../kernel/text/fill-template.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { issueCouponsInBulk } from "../coupons/index.js";
import { readWinbackReport } from "./read-winback-report.js";
import { winbackCampaign, winbackKey } from "./rules/winback-keys.js";
import type { WinbackLayer } from "./select-winback-targets.js";
import { winbackTexts } from "./texts.js";

export interface WinbackSettings {
  /** Template name per layer: { at_risk: "满200减30", lost: "立减100" }. */
  coupons: Record<WinbackLayer, string>;
  text: string;
  timeZone: string;
}

export type WinbackTemplates =
  | { kind: "found"; templates: Map<WinbackLayer, CouponTemplate> }
  /** WINBACK_COUPONS names templates that do not exist (`available` lists the ones that do). */
  | (NotFound & { names: string[]; available: string[] });

/** The coupon template of each win-back layer, or the names in WINBACK_COUPONS that match none. */
export async function findWinbackTemplates(app: AppContext, coupons: WinbackSettings["coupons"]): Promise<WinbackTemplates> {
  const { db } = app;
  const names = [...new Set(Object.values(coupons))];
  const rows = await db.couponTemplate.findMany({ where: { name: { in: names } } });
  const missing = names.filter((name) => !rows.some((t) => t.name === name));
  if (missing.length > 0) {
    const available = (await db.couponTemplate.findMany({ select: { name: true }, orderBy: { id: "asc" } })).map((t) => t.name);
    return { kind: "notFound", names: missing, available };
  }
  const templates = new Map<WinbackLayer, CouponTemplate>();
  for (const [layer, name] of Object.entries(coupons) as Array<[WinbackLayer, string]>)
    templates.set(layer, rows.find((t) => t.name === name)!);
  return { kind: "found", templates };
}

/** Points inside a batch a run passes: after its coupons, after its messages, after its cursor. */
export type WinbackStep = "coupons" | "messages" | "cursor";

export type ProcessWinbackOutcome =
  | { kind: "done"; processed: number; batches: number }
  | NotFound
  /** The run ended as failed: WINBACK_COUPONS names a template that does not exist (a configuration problem). */
  | { kind: "noTemplate"; names: string[] };

/**
 * Works through a run's treated targets in member-id order, a batch at a time: coupons (one insert,
 * keyed per run and member), then the messages (one sendMany, same keys), then the cursor. A run killed
 * anywhere resumes after the cursor, and a batch redone finds its coupons and messages by their keys,
 * so no member ever gets a second coupon or message. The finished run's report is stored with it.
 * `afterStep` lets the kill test stop the process at each point of a batch.
 */
export async function processWinbackRun(
  app: AppContext,
  input: {
    runId: number;
    at: Date;
    settings: WinbackSettings;
    batchSize?: number;
    afterStep?: (step: WinbackStep, processed: number) => Promise<void> | void;
  },
): Promise<ProcessWinbackOutcome> {
  const { db, outbox } = app;
  const run = await db.winbackRun.findUnique({ where: { id: input.runId } });
  if (!run) return notFound;
  const found = await findWinbackTemplates(app, input.settings.coupons);
  if (found.kind === "notFound") {
    // Nothing was issued yet (templates come first), so failing the run gives nobody half a campaign.
    await db.winbackRun.updateMany({
      where: { id: run.id, status: "running" },
      data: { status: "failed", failReason: winbackTexts.missingTemplatesReason(found), finishedAt: input.at },
    });
    return { kind: "noTemplate", names: found.names };
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
    const reached = processed + batch.length;
    const messages = [];
    for (const [layer, template] of found.templates) {
      const targets = batch.filter((t) => t.layer === layer);
      const coupons = await issueCouponsInBulk(
        app,
        template,
        targets.map((t) => ({ memberId: t.member_id, dedupeKey: winbackKey(run.id, t.member_id), campaign })),
        input.at,
      );
      for (const target of targets) {
        const coupon = coupons.get(winbackKey(run.id, target.member_id));
        if (!coupon) continue; // quota exhausted: no coupon, no message (the report counts it as no_coupon)
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
          // A message offering a coupon that has expired is worthless: quiet hours must not carry it past.
          validUntil: coupon.expiresAt,
        });
      }
    }
    await input.afterStep?.("coupons", reached);
    await outbox.sendMany(messages);
    await input.afterStep?.("messages", reached);
    const from = cursor;
    cursor = batch[batch.length - 1]!.member_id;
    await db.$executeRaw`
      UPDATE winback_targets t SET coupon_id = c.id FROM coupons c
      WHERE t.run_id = ${run.id} AND t.coupon_id IS NULL AND NOT t.holdout AND t.member_id > ${from} AND t.member_id <= ${cursor}
        AND c.dedupe_key = 'winback:' || t.run_id || ':member:' || t.member_id`;
    await db.winbackRun.update({ where: { id: run.id }, data: { cursor } });
    processed = reached;
    batches++;
    await input.afterStep?.("cursor", processed);
  }
  await db.winbackRun.updateMany({ where: { id: run.id, status: "running" }, data: { status: "done", finishedAt: input.at } });
  await readWinbackReport(app, { runId: run.id, at: input.at });
  return { kind: "done", processed, batches };
}
