// When a push has settled (nothing of it queued any more), its maker gets the report privately.
// Checked first when the governor should have sent it all, then again when the rest should be out
// (at most every 5 minutes: quiet hours or the breaker may hold it for hours). A pause ends the checks;
// resume and cancel start them again (services/pushes/control-push.ts), so the maker always gets it.
import type { AppContext } from "../src/kernel/app-context.js";
import { defineJob } from "../src/kernel/jobs/define-job.js";
import { formatLocal } from "../src/kernel/time/zone.js";
import { formatPushReport, reportPush } from "../src/features/pushes/report-push.js";
import { pushReportJob } from "../src/features/pushes/jobs.js";

export const pushReport = defineJob({
  ...pushReportJob,
  async handle({ pushId, check, chain }, app: AppContext) {
    const report = await reportPush(app.db, pushId);
    // A paused push is not finished: this chain of checks ends, and 继续 or 取消 starts a new one.
    if (!report || report.status === "paused") return { sent: false };
    const push = await app.db.push.findUniqueOrThrow({ where: { id: pushId }, select: { createdById: true } });
    const settled = report.status === "cancelled" || (report.status === "done" && report.queued === 0);
    if (!settled) {
      const delayMs = Math.min(5 * 60_000, Math.max(1_000, (report.queued / app.config.outbox.ratePerMinute) * 60_000 * 1.2));
      if (check < 5000) await app.jobs.add(pushReport, { pushId, check: check + 1, chain }, { jobId: `push-${pushId}-report${chain}-${check + 1}`, delayMs });
      return { sent: false, queued: report.queued };
    }
    if (!push.createdById) return { sent: false };
    await app.outbox.send({
      kind: "notice",
      to: { memberId: push.createdById },
      text: `推送报告 / push report\n${formatPushReport(report, (d) => formatLocal(d, app.config.timeZone))}`,
      dedupeKey: `push:${pushId}:report`,
    });
    return { sent: true };
  },
});
