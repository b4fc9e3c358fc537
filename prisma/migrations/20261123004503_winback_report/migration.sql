-- AlterTable
ALTER TABLE "winback_runs" ADD COLUMN     "report" JSONB,
ADD COLUMN     "reported_at" TIMESTAMPTZ(3);

