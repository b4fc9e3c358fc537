import type { AppContext } from "../../kernel/app-context.js";
import type { Db, Prisma } from "../../kernel/db/client.js";
import { type MemberCaps, membersAtCapSql } from "../../kernel/outbox/member-cap.js";
import { resolveSegment } from "./resolve-segment.js";
import type { SegmentError } from "./rules/segment-expression.js";

export type SegmentPreview =
  | { kind: "preview"; count: number; optedOut: number; sample: string[] }
  | { kind: "invalid"; error: SegmentError };

// PostgreSQL's JIT compiles a plan whose estimated cost passes jit_above_cost: a segment's condition is
// one subplan per condition, so a 64-condition segment spent 4.2 s compiling (measured, issue 8) to run
// a query of 1 ms. Segment queries turn it off for their own transaction (`set_config(…, true)`).
const noJit = (db: Db) => db.$queryRaw`select set_config('jit', 'off', true)`;

/** How many members a segment holds now, and five of their names. Opted-out members are counted apart. */
export async function previewSegment(app: AppContext, expression: string, now: Date): Promise<SegmentPreview> {
  const { db } = app;
  const resolved = await resolveSegment(app, expression, { now, includeOptedOut: true });
  if (resolved.kind === "invalid") return resolved;
  const [, [counts], sample] = await db.$transaction([
    noJit(db),
    db.$queryRaw<Array<{ total: number; opted_out: number }>>`
      select count(*)::int as total, count(*) filter (where m.opted_out_at is not null)::int as opted_out
        from members m where ${resolved.condition}`,
    db.$queryRaw<Array<{ name: string }>>`
      select m.name from members m where ${resolved.condition} and m.opted_out_at is null order by m.id limit 5`,
  ]);
  const optedOut = counts?.opted_out ?? 0;
  return { kind: "preview", count: (counts?.total ?? 0) - optedOut, optedOut, sample: sample.map((s) => s.name) };
}

/**
 * One page of a segment, by keyset (member id): what fan-outs walk, so no audience is ever loaded whole.
 */
export async function segmentPage(app: AppContext, condition: Prisma.Sql, afterId: number, limit: number) {
  const { db } = app;
  const [, page] = await db.$transaction([
    noJit(db),
    db.$queryRaw<Array<{ id: number; name: string; opted_out: boolean }>>`
      select m.id, m.name, m.opted_out_at is not null as opted_out from members m where ${condition} and m.id > ${afterId} order by m.id limit ${limit}`,
  ]);
  return page;
}

/**
 * The audience of a member push: everyone matched, the opted-out among them, and those already at
 * their caps (the rule of kernel/outbox/member-cap.ts, here as one aggregate so a 500,000-member preview
 * is one statement).
 */
export async function countPushAudience(app: AppContext, condition: Prisma.Sql, caps: MemberCaps, now: Date, timeZone: string) {
  const { db } = app;
  const [, [row]] = await db.$transaction([
    noJit(db),
    db.$queryRaw<Array<{ total: number; opted_out: number; capped: number }>>`
      with capped as (${membersAtCapSql(caps, now, timeZone)})
      select count(*)::int as total,
             count(*) filter (where m.opted_out_at is not null)::int as opted_out,
             count(*) filter (where m.opted_out_at is null and m.id in (select member_id from capped))::int as capped
        from members m where ${condition}`,
  ]);
  const total = row?.total ?? 0;
  const optedOut = row?.opted_out ?? 0;
  const capped = row?.capped ?? 0;
  return { total, optedOut, capped, expected: total - optedOut - capped };
}
