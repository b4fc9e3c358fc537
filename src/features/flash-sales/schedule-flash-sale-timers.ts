import type { AppContext } from "../../kernel/app-context.js";
import type { FlashSale } from "../../kernel/db/client.js";
import { flashSaleTimerJob, flashTimerJobId } from "./jobs.js";

type Step = "reminder" | "open" | "end";

function steps(app: AppContext, sale: FlashSale): Array<{ step: Step; at: Date }> {
  const reminderAt = new Date(sale.startsAt.getTime() - app.config.sales.reminderMs);
  const now = app.clock.now().getTime();
  const out: Array<{ step: Step; at: Date }> = [];
  // No reminder when the sale starts sooner than the reminder offset (the preview just went out).
  if (reminderAt.getTime() > now && app.config.sales.reminderMs > 0) out.push({ step: "reminder", at: reminderAt });
  out.push({ step: "open", at: sale.startsAt }, { step: "end", at: sale.endsAt });
  return out;
}

/** Adds the sale's delayed announcement jobs (idempotent: the job ids name sale, step and instant). */
export async function scheduleFlashSaleTimers(app: AppContext, sale: FlashSale): Promise<void> {
  const now = app.clock.now().getTime();
  for (const { step, at } of steps(app, sale)) {
    await app.jobs.add(
      flashSaleTimerJob,
      { saleId: sale.id, step, at: at.getTime() },
      { jobId: flashTimerJobId(sale.id, step, at), delayMs: at.getTime() - now },
    );
  }
}

/** Removes the sale's pending announcement jobs (cancelled, or closed early). */
export async function removeFlashSaleTimers(
  app: AppContext,
  sale: FlashSale,
  which: readonly Step[] = ["reminder", "open", "end"],
): Promise<void> {
  const reminderAt = new Date(sale.startsAt.getTime() - app.config.sales.reminderMs);
  const at: Record<Step, Date> = { reminder: reminderAt, open: sale.startsAt, end: sale.endsAt };
  for (const step of which) await app.jobs.remove(flashSaleTimerJob.id, flashTimerJobId(sale.id, step, at[step])).catch(() => undefined);
}
