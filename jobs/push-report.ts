// When a push has settled (nothing of it queued any more), its maker gets the report privately.
// Checked first when the governor should have sent it all, then again when the rest should be out
// (at most every 5 minutes: quiet hours or the breaker may hold it for hours).
import type { AppContext } from "../src/infra/app-context.js";
import { defineJob } from "../src/infra/jobs/define-job.js";
import { formatLocal } from "../src/domain/time/zone.js";
import { formatPushReport, reportPush } from "../src/services/pushes/report-push.js";
import { pushReportJob } from "../src/domain/jobs/pushes.js";

export const pushReport = defineJob({
  ...pushReportJob,
  async handle({ pushId, check }, app: AppContext) {
    const report = await reportPush(app.db, pushId);
    if (!report || report.status === "paused") return { sent: false };
    const push = await app.db.push.findUniqueOrThrow({ where: { id: pushId }, select: { createdById: true } });
    if (report.queued > 0 && report.status !== "cancelled") {
      const delayMs = Math.min(5 * 60_000, Math.max(1_000, (report.queued / app.config.outbox.ratePerMinute) * 60_000 * 1.2));
      if (check < 5000) await app.jobs.add(pushReport, { pushId, check: check + 1 }, { jobId: `push-${pushId}-report-${check + 1}`, delayMs });
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
