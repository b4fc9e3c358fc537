import type { AppContext } from "../../kernel/app-context.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { startPushFanOut } from "./create-push.js";
import { scheduleReport, tellPushMaker } from "./fan-out-push.js";
import { holdQueuedDeliveries } from "./hold-deliveries.js";
import { pushFanOutJob } from "./jobs.js";
import type { PushStatus } from "./rules/push-status.js";
import { pushTexts } from "./texts.js";

export type ConfirmOutcome =
  | { kind: "confirmed"; scheduledAt: Date }
  | NotFound
  | { kind: "expired" }
  | { kind: "notAwaiting"; status: PushStatus };

/** `#确认 <编号>`: a large push starts only when confirmed within the window. */
export async function confirmPush(app: AppContext, pushId: number): Promise<ConfirmOutcome> {
  const push = await app.db.push.findUnique({ where: { id: pushId } });
  if (!push) return notFound;
  if (push.status === "expired") return { kind: "expired" };
  if (push.status !== "awaiting_confirm") return { kind: "notAwaiting", status: push.status };
  const now = app.clock.now();
  if (push.confirmBy && push.confirmBy < now) {
    await app.db.push.updateMany({ where: { id: pushId, status: "awaiting_confirm" }, data: { status: "expired" } });
    return { kind: "expired" };
  }
  // Claimed only while still in its window: a confirmation racing the expiry job loses and says so.
  const claimed = await app.db.push.updateMany({
    where: { id: pushId, status: "awaiting_confirm", OR: [{ confirmBy: null }, { confirmBy: { gte: now } }] },
    data: { status: "scheduled" },
  });
  if (claimed.count === 0) {
    const after = await app.db.push.findUniqueOrThrow({ where: { id: pushId }, select: { status: true } });
    return after.status === "expired" || after.status === "awaiting_confirm"
      ? { kind: "expired" }
      : { kind: "notAwaiting", status: after.status };
  }
  const scheduledAt = new Date(Math.max(push.scheduledAt.getTime(), now.getTime()));
  await startPushFanOut(app, pushId, scheduledAt);
  return { kind: "confirmed", scheduledAt };
}

export type ControlOutcome =
  | { kind: "done"; held?: number; released?: number }
  | NotFound
  | { kind: "notAllowed"; status: PushStatus }
  /** Fanned out and nothing of it left in the queue: there is nothing to pause or cancel. */
  | { kind: "finished" };

/**
 * A fanned-out push (done) still has deliveries to hold while they wait in the queue (quiet hours, the
 * daily allowance); once none wait, it is finished.
 */
async function isFinished(app: AppContext, pushId: number): Promise<boolean> {
  const push = await app.db.push.findUnique({ where: { id: pushId }, select: { status: true } });
  if (push?.status !== "done") return false;
  return (await app.db.delivery.count({ where: { campaign: `push:${pushId}`, status: { in: ["queued", "sending"] } }, take: 1 })) === 0;
}

/** `#推送 暂停`: no more of it is sent; what is queued is held (skipped as paused) until 继续. */
export async function pausePush(app: AppContext, pushId: number): Promise<ControlOutcome> {
  if (await isFinished(app, pushId)) return { kind: "finished" };
  const moved = await app.db.push.updateMany({
    where: { id: pushId, status: { in: ["scheduled", "sending", "done"] } },
    data: { status: "paused" },
  });
  if (moved.count === 0) return statusProblem(app, pushId);
  return { kind: "done", held: await holdQueuedDeliveries(app, pushId, "paused") };
}

/** `#推送 继续`: held deliveries are queued again, and an unfinished fan-out goes on from its cursor. */
export async function resumePush(app: AppContext, pushId: number): Promise<ControlOutcome> {
  const push = await app.db.push.findUnique({ where: { id: pushId } });
  if (!push) return notFound;
  if (push.status !== "paused") return { kind: "notAllowed", status: push.status };
  await app.db.push.update({ where: { id: pushId }, data: { status: push.fannedOutAt ? "done" : "sending" } });
  let released = 0;
  for (;;) {
    const rows = await app.db.delivery.findMany({
      where: { campaign: `push:${pushId}`, status: "skipped", reason: "paused" },
      select: { id: true, kind: true },
      take: 500,
    });
    if (rows.length === 0) break;
    await app.db.delivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: "queued", reason: null } });
    await app.outbox.requeue(rows);
    released += rows.length;
  }
  const attempt = `-resume-${app.clock.now().getTime()}`;
  // An unfinished fan-out goes on (and reports when done); a finished one's report checks start again.
  if (push.fannedOutAt) await scheduleReport(app, pushId, released, attempt);
  else await startPushFanOut(app, pushId, push.scheduledAt, attempt);
  return { kind: "done", released };
}

/** `#推送 取消`: nothing more is sent; what was sent stays in the report. */
export async function cancelPush(app: AppContext, pushId: number): Promise<ControlOutcome> {
  if (await isFinished(app, pushId)) return { kind: "finished" };
  const moved = await app.db.push.updateMany({
    where: { id: pushId, status: { in: ["awaiting_confirm", "scheduled", "sending", "paused", "done"] } },
    data: { status: "cancelled" },
  });
  if (moved.count === 0) return statusProblem(app, pushId);
  await app.jobs.remove(pushFanOutJob.id, `push-${pushId}`).catch(() => undefined);
  await app.db.delivery.updateMany({
    where: { campaign: `push:${pushId}`, status: "skipped", reason: "paused" },
    data: { reason: "cancelled" },
  });
  const held = await holdQueuedDeliveries(app, pushId, "cancelled");
  // Something of it was queued: its maker gets the final report (what was sent before the cancel).
  if (await app.db.delivery.count({ where: { campaign: `push:${pushId}` }, take: 1 })) await scheduleReport(app, pushId, 0, "-cancel");
  return { kind: "done", held };
}

/**
 * A fan-out's last attempt failed: the push is paused (what it queued is held), never left silently
 * half-done, and its maker is told, so they can resume (from the cursor) or cancel it.
 */
export async function pauseFailedFanOut(app: AppContext, pushId: number, error: unknown): Promise<void> {
  if ((await pausePush(app, pushId)).kind !== "done") return;
  await tellPushMaker(app, pushId, pushTexts.failedPaused(pushId, error instanceof Error ? error.message.slice(0, 100) : String(error)));
}

async function statusProblem(app: AppContext, pushId: number): Promise<ControlOutcome> {
  const push = await app.db.push.findUnique({ where: { id: pushId }, select: { status: true } });
  return push ? { kind: "notAllowed", status: push.status } : notFound;
}
