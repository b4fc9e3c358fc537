// 阶梯 新增 开门红 1月1日-2月28日 3000:延保券 5000:升级包 — read in one pass, no regex over chat text.
import { DateTime } from "luxon";

export interface LadderDraft {
  name: string;
  startsAt: Date;
  endsAt: Date;
  rungs: Array<{ cents: number; reward: string }>;
}

const digits = (s: string) => s.length > 0 && s.length <= 9 && [...s].every((c) => c >= "0" && c <= "9");

/** "1月1日" or "1-1" or "1/1" → [month, day]. */
function monthDay(text: string): [number, number] | undefined {
  const t = text.endsWith("日") || text.endsWith("号") ? text.slice(0, -1) : text;
  const sep = [..."月-/"].map((c) => t.indexOf(c)).find((i) => i > 0);
  if (sep === undefined) return undefined;
  const m = t.slice(0, sep);
  const d = t.slice(sep + 1);
  if (!digits(m) || !digits(d)) return undefined;
  return [Number(m), Number(d)];
}

/**
 * @example parseLadderWords(["开门红", "1月1日-2月28日", "3000:延保券"], { now, zone }) // { ok: true, draft: … }
 */
export function parseLadderWords(
  words: readonly string[],
  at: { now: Date; zone: string },
): { ok: true; draft: LadderDraft } | { ok: false; problem: string } {
  const [name, window, ...rungWords] = words;
  const usage = "例：阶梯 新增 开门红 1月1日-2月28日 3000:延保券 5000:升级包";
  if (!name || name.length > 30) return { ok: false, problem: `请写阶梯名（最多 30 字）。${usage}` };
  if (!window) return { ok: false, problem: `请写时间段，如 1月1日-2月28日。${usage}` };
  // The range's own dash is the one after a 日/号, or the middle dash of "1-1-2-28".
  let split = -1;
  for (const mark of ["日-", "号-", "~", "至"]) {
    const i = window.indexOf(mark);
    if (i > 0) {
      split = mark.length === 2 ? i + 1 : i;
      break;
    }
  }
  if (split < 0) {
    const dashes = [...window].flatMap((c, i) => (c === "-" ? [i] : []));
    if (dashes.length === 3) split = dashes[1]!;
  }
  const from = split > 0 ? monthDay(window.slice(0, split)) : undefined;
  const to = split > 0 ? monthDay(window.slice(split + 1)) : undefined;
  if (!from || !to) return { ok: false, problem: `时间段看不懂，请写成 1月1日-2月28日。${usage}` };
  const today = DateTime.fromJSDate(at.now, { zone: at.zone }).startOf("day");
  let start = DateTime.fromObject({ year: today.year, month: from[0], day: from[1] }, { zone: at.zone });
  let end = DateTime.fromObject({ year: today.year, month: to[0], day: to[1] }, { zone: at.zone });
  if (!start.isValid || !end.isValid) return { ok: false, problem: "日期不存在，如 2月30日。/ No such date." };
  if (end < start) end = end.plus({ years: 1 });
  // A window already over this year means next year's.
  if (end < today) {
    start = start.plus({ years: 1 });
    end = end.plus({ years: 1 });
  }
  const rungs: LadderDraft["rungs"] = [];
  for (const word of rungWords) {
    const colon = [":", "："].map((c) => word.indexOf(c)).find((i) => i > 0);
    const yuan = colon !== undefined ? word.slice(0, colon) : "";
    const reward = colon !== undefined ? word.slice(colon + 1) : "";
    if (!digits(yuan) || !reward || reward.length > 40)
      return { ok: false, problem: `「${word.slice(0, 20)}」要写成 金额:奖励，如 3000:延保券。` };
    rungs.push({ cents: Number(yuan) * 100, reward });
  }
  if (rungs.length === 0) return { ok: false, problem: `至少写一级：金额:奖励。${usage}` };
  rungs.sort((a, b) => a.cents - b.cents);
  if (new Set(rungs.map((r) => r.cents)).size !== rungs.length) return { ok: false, problem: "两级金额相同。/ Two rungs at one amount." };
  return { ok: true, draft: { name, startsAt: start.toJSDate(), endsAt: end.endOf("day").toJSDate(), rungs } };
}

/** The rungs a window spend reaches. */
export function rungsReached(rungs: ReadonlyArray<{ cents: number; reward: string }>, spendCents: number) {
  return rungs.filter((r) => spendCents >= r.cents);
}
