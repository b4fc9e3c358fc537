import type { AppContext } from "../../kernel/app-context.js";
import { formatLocal } from "../../kernel/time/zone.js";
import { pushReportJob } from "./jobs.js";
import { reportPush } from "./report-push.js";
import { pushTexts } from "./texts.js";

/**
 * The push-report job: once a push has settled (nothing of it queued any more), its maker gets the report
 * privately. Until then the check is queued again when the rest should be out (at most every 5 minutes:
 * quiet hours or the breaker may hold it for hours). A pause ends the chain of checks; resume and cancel
 * start a new one (control-push.ts), so the maker always gets it.
 */
export async function sendPushReport(app: AppContext, input: { pushId: number; check: number; chain: string }) {
  const { pushId, check, chain } = input;
  const outcome = await reportPush(app, pushId);
  if (outcome.kind === "notFound") return { sent: false };
  const { report } = outcome;
  // A paused push is not finished: this chain of checks ends, and 继续 or 取消 starts a new one.
  if (report.status === "paused") return { sent: false };
  const push = await app.db.push.findUniqueOrThrow({ where: { id: pushId }, select: { createdById: true } });
  const settled = report.status === "cancelled" || (report.status === "done" && report.queued === 0);
  if (!settled) {
    const delayMs = Math.min(5 * 60_000, Math.max(1_000, (report.queued / app.config.outbox.ratePerMinute) * 60_000 * 1.2));
    if (check < 5000)
      await app.jobs.add(
        pushReportJob,
        { pushId, check: check + 1, chain },
        { jobId: `push-${pushId}-report${chain}-${check + 1}`, delayMs },
      );
    return { sent: false, queued: report.queued };
  }
  if (!push.createdById) return { sent: false };
  await app.outbox.send({
    kind: "notice",
    to: { memberId: push.createdById },
    text: pushTexts.reportNotice(pushTexts.report(report, (d) => formatLocal(d, app.config.timeZone))),
    dedupeKey: `push:${pushId}:report`,
  });
  return { sent: true };
}
