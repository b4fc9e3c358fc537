-- Statuses and kinds become enums (push status and audience, win-back run status, calendar item kind,
-- delivery kind), and a delivery's deferral becomes structured (deferral_kind + deferred_until) instead
-- of the text reason 'deferred: <kind> until <ISO time>'.
--
-- HAND-EDITED: `prisma migrate diff` writes a column's type change as DROP COLUMN + ADD COLUMN, which
-- would lose every row's value (and fail outright on the NOT NULL columns of a non-empty table). Each is
-- rewritten as ALTER COLUMN … TYPE … USING, so existing rows keep their values (a stored value outside
-- its enum makes the migration fail rather than vanish). A default is dropped before the change and set
-- again after it (a text default cannot be cast in place). Indexes on these columns are rebuilt by
-- PostgreSQL as part of the ALTER. The schema that results is what schema.prisma describes (the
-- migrations test checks it). No semicolon in these comments: the pg adapter splits a script at each.

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('reply', 'notice', 'alert', 'welcome', 'announcement', 'content', 'reminder', 'push', 'campaign');

-- CreateEnum
CREATE TYPE "DeferralKind" AS ENUM ('quiet_hours', 'circuit_open', 'daily_cap');

-- CreateEnum
CREATE TYPE "WinbackRunStatus" AS ENUM ('running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "PushAudience" AS ENUM ('members', 'rooms');

-- CreateEnum
CREATE TYPE "PushStatus" AS ENUM ('awaiting_confirm', 'scheduled', 'sending', 'paused', 'done', 'cancelled', 'expired');

-- CreateEnum
CREATE TYPE "CalendarKind" AS ENUM ('article', 'live', 'interaction');

-- AlterTable (in place: was DROP + ADD COLUMN "kind")
ALTER TABLE "deliveries" ALTER COLUMN "kind" TYPE "MessageKind" USING "kind"::"MessageKind",
ADD COLUMN     "deferral_kind" "DeferralKind",
ADD COLUMN     "deferred_until" TIMESTAMPTZ(3);

-- Deferrals written as text before this migration: a queued row keeps its deferral in the new columns,
-- on any other row the text is stale (a claimed or finished delivery no longer waits) and is cleared.
UPDATE "deliveries"
SET "deferral_kind" = CASE WHEN "status" = 'queued' THEN substring("reason" FROM '^deferred: ([a-z_]+) until ')::"DeferralKind" END,
    "deferred_until" = CASE WHEN "status" = 'queued' THEN substring("reason" FROM ' until (\S+)$')::timestamptz END,
    "reason" = NULL
WHERE "reason" ~ '^deferred: (quiet_hours|circuit_open|daily_cap) until \S+$';

-- AlterTable (in place: was DROP + ADD COLUMN "status" with its default)
ALTER TABLE "winback_runs" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "winback_runs" ALTER COLUMN "status" TYPE "WinbackRunStatus" USING "status"::"WinbackRunStatus";
ALTER TABLE "winback_runs" ALTER COLUMN "status" SET DEFAULT 'running';

-- AlterTable (in place: was DROP + ADD COLUMN "audience" and "status", with "pushes_status_idx" rebuilt)
ALTER TABLE "pushes" ALTER COLUMN "audience" TYPE "PushAudience" USING "audience"::"PushAudience",
ALTER COLUMN "status" TYPE "PushStatus" USING "status"::"PushStatus";

-- AlterTable (in place: was DROP + ADD COLUMN "kind")
ALTER TABLE "calendar_items" ALTER COLUMN "kind" TYPE "CalendarKind" USING "kind"::"CalendarKind";
