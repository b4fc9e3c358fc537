import type { AppContext } from "../../kernel/app-context.js";
import type { NotFound } from "../../kernel/outcomes.js";
import { winbackRunJob } from "./jobs.js";
import { findWinbackTemplates, processWinbackRun } from "./process-winback-run.js";
import { winbackSelection, winbackSettings } from "./run-winback.js";
import { previewWinback, startWinbackRun, type WinbackExclusion, type WinbackPreview } from "./select-winback-targets.js";

/** WINBACK_COUPONS names templates that do not exist: nothing is previewed or started. */
export type TemplatesNotFound = NotFound & { names: string[]; available: string[] };

export type PreviewManualWinbackOutcome = { kind: "preview"; preview: WinbackPreview } | TemplatesNotFound;

/** #召回 预览: what #召回 开始 would select now, once the configured templates are known to exist. */
export async function previewManualWinback(app: AppContext): Promise<PreviewManualWinbackOutcome> {
  const found = await findWinbackTemplates(app, app.config.winback.coupons);
  if (found.kind === "notFound") return found;
  return { kind: "preview", preview: await previewWinback(app, winbackSelection(app, app.clock.now())) };
}

export type StartManualWinbackOutcome =
  | { kind: "started"; runId: number; treated: number; holdout: number }
  /** Nobody to win back: the run is done at once, with its report (who was left out) stored. */
  | { kind: "nobody"; excluded: Partial<Record<WinbackExclusion, number>> }
  /** A run with this key exists (started a moment ago). */
  | { kind: "exists" }
  | TemplatesNotFound;

/**
 * #召回 开始: selects now and queues the run's job (coupons and messages, batch by batch). A run that
 * cannot issue must not start anyone's cooldown, so the templates are checked first.
 */
export async function startManualWinback(app: AppContext): Promise<StartManualWinbackOutcome> {
  const found = await findWinbackTemplates(app, app.config.winback.coupons);
  if (found.kind === "notFound") return found;
  const at = app.clock.now();
  const started = await startWinbackRun(app, {
    ...winbackSelection(app, at),
    runKey: `manual:${at.toISOString()}`,
    holdoutShare: app.config.winback.holdoutShare,
  });
  if (started.kind === "exists") return { kind: "exists" };
  if (started.treated + started.holdout === 0) {
    // Finished at once, like a daily run that selects nobody: done, with its report stored.
    await processWinbackRun(app, { runId: started.run.id, at, settings: winbackSettings(app) });
    return { kind: "nobody", excluded: started.excluded };
  }
  await app.jobs.add(winbackRunJob, { runId: started.run.id }, { jobId: `winback-run-${started.run.id}` });
  return { kind: "started", runId: started.run.id, treated: started.treated, holdout: started.holdout };
}
