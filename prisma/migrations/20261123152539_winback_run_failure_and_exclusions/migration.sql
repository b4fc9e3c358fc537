-- AlterTable
ALTER TABLE "winback_runs" ADD COLUMN     "excluded" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "fail_reason" TEXT;
