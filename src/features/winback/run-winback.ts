import type { AppContext } from "../../kernel/app-context.js";
import { findWinbackTemplates, processWinbackRun, type WinbackSettings } from "./process-winback-run.js";
import type { WinbackSelection } from "./select-winback-targets.js";
import { winbackTexts } from "./texts.js";

/** The app's win-back settings, as the services take them. */
export function winbackSettings(app: AppContext): WinbackSettings {
  return { coupons: app.config.winback.coupons, text: app.config.winback.text, timeZone: app.config.timeZone };
}

/** What a selection at `at` looks at, from the app's configuration. */
export function winbackSelection(app: AppContext, at: Date): WinbackSelection {
  return { at, cooldownDays: app.config.winback.cooldownDays, memberCaps: app.config.outbox.memberCaps, timeZone: app.config.timeZone };
}

/**
 * Whether WINBACK_COUPONS names templates that exist: the worker checks it at start-up, and the daily
 * run and #召回 开始 before selecting anyone (a run that cannot issue must not start anyone's cooldown).
 * Returns the problem in words, or undefined.
 */
export async function checkWinbackTemplates(app: AppContext): Promise<string | undefined> {
  const found = await findWinbackTemplates(app, app.config.winback.coupons);
  return found.kind === "notFound" ? winbackTexts.missingTemplatesReason(found) : undefined;
}

/** Finishes every run left running (a worker killed mid-run): each resumes after its cursor. */
export async function resumeWinbackRuns(app: AppContext): Promise<number> {
  const unfinished = await app.db.winbackRun.findMany({ where: { status: "running" }, orderBy: { id: "asc" } });
  for (const run of unfinished) {
    await processWinbackRun(app, { runId: run.id, at: app.clock.now(), settings: winbackSettings(app) });
  }
  return unfinished.length;
}
