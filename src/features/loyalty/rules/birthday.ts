// 生日 3-15: the words, and which birthdays fall on a community day. Pure.

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (s: string) => s.length > 0 && s.length <= 2 && [...s].every((c) => c >= "0" && c <= "9");

/**
 * "3-15", "3/15", "3月15日", "03.15" → { month: 3, day: 15 }; a date no year has (2-30) → undefined.
 *
 * @example parseBirthday("2-29") // { month: 2, day: 29 }
 */
export function parseBirthday(text: string): { month: number; day: number } | undefined {
  let t = text.trim();
  if (t.endsWith("日") || t.endsWith("号")) t = t.slice(0, -1);
  const sep = [..."-/.月"].map((c) => t.indexOf(c)).find((i) => i > 0);
  if (sep === undefined) return undefined;
  const m = t.slice(0, sep);
  const d = t.slice(sep + 1);
  if (!digits(m) || !digits(d)) return undefined;
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return undefined;
  return { month, day };
}

/** The birthdays (month, day) celebrated on a community day "yyyy-MM-dd": 2-29 on 2-28 outside leap years. */
export function birthdaysOn(localDay: string): Array<{ month: number; day: number }> {
  const [year, month, day] = localDay.split("-").map(Number) as [number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const out = [{ month, day }];
  if (!leap && month === 2 && day === 28) out.push({ month: 2, day: 29 });
  return out;
}
