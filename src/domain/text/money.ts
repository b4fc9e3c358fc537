// Money is integer cents (分) everywhere; these are the only ways it is shown to people.

/** Cents as a bare amount: 9900 → "99", 9990 → "99.9", 9999 → "99.99". */
export function formatYuan(cents: number | bigint): string {
  const value = Number(cents);
  const yuan = Math.trunc(value / 100);
  const rest = Math.abs(value % 100);
  if (rest === 0) return String(yuan);
  return `${yuan}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

/** Cents as a price: 3000 → "¥30", 1990 → "¥19.9". */
export function formatPrice(cents: number | bigint): string {
  return `¥${formatYuan(cents)}`;
}
