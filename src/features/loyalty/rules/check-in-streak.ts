// 签到 streaks: pure date arithmetic on community days (yyyy-MM-dd).

/** The community day before `day`. */
export function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Today's streak from yesterday's check-in (undefined: none yesterday), and whether it earns the bonus.
 *
 * @example nextStreak(6) // { streak: 7, bonus: true }
 */
export function nextStreak(yesterdayStreak: number | undefined): { streak: number; bonus: boolean } {
  const streak = (yesterdayStreak ?? 0) + 1;
  return { streak, bonus: streak % 7 === 0 };
}
