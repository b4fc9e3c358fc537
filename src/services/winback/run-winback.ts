import type { AppContext } from "../../infra/app-context.js";
import { processWinbackRun, type WinbackSettings } from "./process-winback-run.js";

/** The app's win-back settings, as the services take them. */
export function winbackSettings(app: AppContext): WinbackSettings {
  return { coupons: app.config.winback.coupons, text: app.config.winback.text, timeZone: app.config.timeZone };
}

/** Finishes every run left running (a worker killed mid-run): each resumes after its cursor. */
export async function resumeWinbackRuns(app: AppContext): Promise<number> {
  const unfinished = await app.db.winbackRun.findMany({ where: { status: "running" }, orderBy: { id: "asc" } });
  for (const run of unfinished) {
    await processWinbackRun(app.db, app.outbox, { runId: run.id, at: app.clock.now(), settings: winbackSettings(app) });
  }
  return unfinished.length;
}
