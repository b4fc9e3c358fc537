// The heavier pages (活动's list, 会员分层, 社群) read views the rollup job computes every minute and
// keeps in Redis (JSON, with the time they were computed); a page view never counts a million delivery
// rows. A view missing (first start, Redis flushed) is computed on the spot and kept.
import type { AppContext } from "../../kernel/app-context.js";
import { type CampaignFunnel, funnelsOf, listCampaigns } from "./read-campaigns.js";
import { readGroups, readLayers } from "./read-pages.js";

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;
const revive = (_key: string, value: unknown) => (typeof value === "string" && ISO_TIME.test(value) ? new Date(value) : value);

/** Kept 3 minutes: the job refreshes every minute, so a missed run or two still finds one. */
const TTL_SECONDS = 180;

const VIEWS = {
  campaigns: (app: AppContext) => listCampaigns(app),
  layers: (app: AppContext) => readLayers(app),
  groups: (app: AppContext) => readGroups(app),
};
type ViewName = keyof typeof VIEWS;
type ViewOf<N extends ViewName> = Awaited<ReturnType<(typeof VIEWS)[N]>>;

export interface CachedView<T> {
  computedAt: Date;
  value: T;
}

async function store<N extends ViewName>(app: AppContext, name: N): Promise<CachedView<ViewOf<N>>> {
  const computedAt = app.clock.now();
  const value = (await VIEWS[name](app)) as ViewOf<N>;
  await app.redis.set(app.key("console", "view", name), JSON.stringify({ computedAt, value }), "EX", TTL_SECONDS);
  return { computedAt, value };
}

/** The view as the job last computed it (or computed now when none is kept). */
export async function readCachedView<N extends ViewName>(app: AppContext, name: N): Promise<CachedView<ViewOf<N>>> {
  const kept = await app.redis.get(app.key("console", "view", name));
  if (kept) return JSON.parse(kept, revive) as CachedView<ViewOf<N>>;
  return store(app, name);
}

/** The rollup job's second half: every cached view computed afresh. */
export async function refreshCachedViews(app: AppContext): Promise<void> {
  for (const name of Object.keys(VIEWS) as ViewName[]) await store(app, name);
}

/**
 * 活动's list: the cached funnels, with every campaign's status read now and the funnels of campaigns
 * newer than the cached view computed now (a push made a moment ago is listed at once).
 */
export async function readCampaignList(app: AppContext, limit = 30): Promise<CachedView<CampaignFunnel[]>> {
  const cached = await readCachedView(app, "campaigns");
  const newest = { orderBy: { id: "desc" as const }, take: limit };
  const [pushes, runs, sales, groupBuys] = await Promise.all([
    app.db.push.findMany(newest),
    app.db.winbackRun.findMany(newest),
    app.db.flashSale.findMany(newest),
    app.db.groupBuy.findMany(newest),
  ]);
  const known = new Map(cached.value.map((f) => [f.key, f]));
  const fresh = await funnelsOf(app, {
    pushes: pushes.filter((p) => !known.has(`push:${p.id}`)),
    runs: runs.filter((r) => !known.has(`winback:${r.id}`)),
    sales: sales.filter((s) => !known.has(`flash:${s.id}`)),
    groupBuys: groupBuys.filter((g) => !known.has(`groupbuy:${g.id}`)),
  });
  const status = new Map<string, string>([
    ...pushes.map((p) => [`push:${p.id}`, p.status] as const),
    ...runs.map((r) => [`winback:${r.id}`, r.status] as const),
    ...sales.map((s) => [`flash:${s.id}`, s.status] as const),
    ...groupBuys.map((g) => [`groupbuy:${g.id}`, g.status] as const),
  ]);
  const all = [...fresh, ...cached.value.filter((f) => status.has(f.key))].map((f) => ({ ...f, status: status.get(f.key) ?? f.status }));
  all.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  return { computedAt: fresh.length ? app.clock.now() : cached.computedAt, value: all };
}
