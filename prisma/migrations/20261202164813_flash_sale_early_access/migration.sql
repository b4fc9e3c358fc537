-- AlterTable
ALTER TABLE "flash_sales" ADD COLUMN     "early_audience" TEXT,
ADD COLUMN     "early_member_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "early_minutes" INTEGER NOT NULL DEFAULT 0;

