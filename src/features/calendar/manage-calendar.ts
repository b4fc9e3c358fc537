import type { AppContext } from "../../kernel/app-context.js";
import type { CalendarItem } from "../../kernel/db/client.js";
import { isUniqueViolation } from "../../kernel/db/unique-violation.js";
import { type NotFound, notFound } from "../../kernel/outcomes.js";
import { calendarLiveReminderJob, calendarPublishJob } from "./jobs.js";
import { type CalendarDraft, parseWhen } from "./rules/calendar-item.js";
import { calendarTexts } from "./texts.js";

const schedulerId = (itemId: number) => `cal-${itemId}`;

/** Puts an item on the job queues: a job scheduler for a recurrence, delayed jobs for a one-off (and a live's reminders). */
export async function scheduleCalendarItem(
  app: AppContext,
  item: { id: number; kind: string; cron: string | null; publishAt: Date | null },
): Promise<void> {
  const queue = app.jobs.queue(calendarPublishJob.id);
  if (item.cron) {
    // upsertJobScheduler: one job per slot however many workers run or how often this is called.
    await queue.upsertJobScheduler(
      schedulerId(item.id),
      { pattern: item.cron, tz: app.config.timeZone },
      {
        name: calendarPublishJob.id,
        data: { itemId: item.id },
        opts: { attempts: 3, removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } },
      },
    );
    return;
  }
  if (!item.publishAt) return;
  const now = app.clock.now().getTime();
  const at = item.publishAt.getTime();
  await app.jobs.add(calendarPublishJob, { itemId: item.id, slot: String(at) }, { jobId: `cal-${item.id}-once`, delayMs: at - now });
  if (item.kind === "live") {
    for (const minutes of app.config.calendar.liveReminderMinutes) {
      const remindAt = at - minutes * 60_000;
      if (remindAt > now) {
        await app.jobs.add(
          calendarLiveReminderJob,
          { itemId: item.id, minutesBefore: minutes },
          { jobId: `cal-${item.id}-remind-${minutes}`, delayMs: remindAt - now },
        );
      }
    }
  }
}

export type AddCalendarOutcome =
  | { kind: "added"; itemId: number; cron?: string; publishAt?: Date; rooms: string[] }
  /** The same kind, title, time and rooms as an active item: nothing added (a CSV imported again). */
  | { kind: "duplicate"; itemId: number }
  | { kind: "invalid"; message: string };

/** `日历 新增 …` and the CSV import: checks rooms and time, stores the item, schedules it. */
export async function addCalendarItem(app: AppContext, draft: CalendarDraft, createdById?: number): Promise<AddCalendarOutcome> {
  const when = parseWhen(draft.when, app.clock.now(), app.config.timeZone);
  if (when.kind === "invalid") return { kind: "invalid", message: when.message };
  const rooms = draft.rooms.length ? await app.db.room.findMany({ where: { topic: { in: draft.rooms }, active: true } }) : [];
  const missing = draft.rooms.filter((t) => !rooms.some((r) => r.topic === t));
  if (missing.length) return { kind: "invalid", message: calendarTexts.unknownRooms(missing) };
  if (draft.kind === "live" && when.kind !== "once") return { kind: "invalid", message: calendarTexts.liveNeedsStart };
  if (draft.roomTag && (await app.db.roomTag.count({ where: { name: draft.roomTag } })) === 0) {
    return { kind: "invalid", message: calendarTexts.noRoomWithTag(draft.roomTag) };
  }
  const roomIds = rooms.map((r) => r.id).sort((a, b) => a - b);
  const time = when.kind === "once" ? when.at.toISOString() : when.cron;
  const naturalKey = [draft.kind, draft.title, time, roomIds.join(","), draft.roomTag ?? ""].join("|");
  const existing = await app.db.calendarItem.findUnique({ where: { naturalKey }, select: { id: true } });
  if (existing) return { kind: "duplicate", itemId: existing.id };
  const data = {
    kind: draft.kind,
    title: draft.title,
    body: draft.body,
    link: draft.link,
    roomIds,
    roomTag: draft.roomTag,
    publishAt: when.kind === "once" ? when.at : null,
    cron: when.kind === "cron" ? when.cron : null,
    options: draft.options,
    naturalKey,
    createdById,
  };
  let item: CalendarItem;
  try {
    item = await app.db.calendarItem.create({ data });
  } catch (error) {
    // Two imports of the same row at once: the unique key decides, the loser reports the duplicate.
    if (!isUniqueViolation(error)) throw error;
    return { kind: "duplicate", itemId: (await app.db.calendarItem.findUniqueOrThrow({ where: { naturalKey }, select: { id: true } })).id };
  }
  await scheduleCalendarItem(app, item);
  return {
    kind: "added",
    itemId: item.id,
    cron: item.cron ?? undefined,
    publishAt: item.publishAt ?? undefined,
    rooms: rooms.map((r) => r.topic),
  };
}

/**
 * Puts every active item on the job queues again, and drops the schedulers of items no longer active:
 * the queues are rebuilt from the database (Redis lost, a scheduler removed by hand). Idempotent:
 * a missing scheduler is made (an existing one is left alone, not upserted under running workers), a
 * delayed job keeps its id, a past one-off is not published again.
 */
export async function rescheduleCalendar(app: AppContext) {
  const items = await app.db.calendarItem.findMany({
    where: { active: true },
    select: { id: true, kind: true, cron: true, publishAt: true },
  });
  const now = app.clock.now();
  const queue = app.jobs.queue(calendarPublishJob.id);
  const schedulers = await queue.getJobSchedulers(0, -1);
  const present = new Set(schedulers.map((s) => s.key));
  for (const item of items) {
    if (item.cron ? !present.has(schedulerId(item.id)) : item.publishAt && item.publishAt > now) await scheduleCalendarItem(app, item);
  }
  const wanted = new Set(items.filter((i) => i.cron).map((i) => schedulerId(i.id)));
  for (const scheduler of schedulers)
    if (scheduler.key.startsWith("cal-") && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  return { scheduled: items.length };
}

export type RemoveCalendarItemOutcome = { kind: "removed" } | NotFound;

/** `日历 删除 <编号>`: no more publications or reminders. */
export async function removeCalendarItem(app: AppContext, itemId: number): Promise<RemoveCalendarItemOutcome> {
  // The natural key is freed: the same item may be added again later.
  const removed = await app.db.calendarItem.updateMany({ where: { id: itemId, active: true }, data: { active: false, naturalKey: null } });
  if (removed.count === 0) return notFound;
  await app.jobs.queue(calendarPublishJob.id).removeJobScheduler(schedulerId(itemId));
  await app.jobs.remove(calendarPublishJob.id, `cal-${itemId}-once`).catch(() => undefined);
  for (const minutes of app.config.calendar.liveReminderMinutes) {
    await app.jobs.remove(calendarLiveReminderJob.id, `cal-${itemId}-remind-${minutes}`).catch(() => undefined);
  }
  return { kind: "removed" };
}
