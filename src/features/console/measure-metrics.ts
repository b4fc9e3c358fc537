import type { AppContext } from "../../kernel/app-context.js";
import { type Bucket, COUNTED_KEYS, COUNTED_METRICS, type CountedKey, metricSql } from "./metrics.js";

export type Counted = Record<CountedKey, number>;

export const zeroCounted = (): Counted => Object.fromEntries(COUNTED_KEYS.map((k) => [k, 0])) as Counted;

/**
 * Runs every counted metric's SQL over [from, to) grouped by `bucket`: one entry per bucket that has
 * anything (the whole window is the bucket "window"; a day is YYYY-MM-DD in the community's zone; an
 * hour is its start as an ISO string).
 */
export async function measureMetrics(app: AppContext, from: Date, to: Date, bucket: Bucket): Promise<Map<string, Counted>> {
  const out = new Map<string, Counted>();
  const params: unknown[] = bucket === "day" ? [from, to, app.config.timeZone] : [from, to];
  const results = await Promise.all(
    COUNTED_METRICS.map((metric) =>
      app.db.$queryRawUnsafe<Array<{ bucket: string | Date; value: bigint | number }>>(metricSql(metric, bucket), ...params),
    ),
  );
  COUNTED_METRICS.forEach((metric, i) => {
    for (const row of results[i]!) {
      const key = row.bucket instanceof Date ? row.bucket.toISOString() : String(row.bucket);
      const counted = out.get(key) ?? zeroCounted();
      counted[metric.key] = Number(row.value);
      out.set(key, counted);
    }
  });
  return out;
}

/** Every counted metric over [from, to), zero where nothing happened. */
export async function measureWindow(app: AppContext, from: Date, to: Date): Promise<Counted> {
  return (await measureMetrics(app, from, to, "window")).get("window") ?? zeroCounted();
}
