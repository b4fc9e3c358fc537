-- AlterTable
ALTER TABLE "bundles" ADD COLUMN     "level_prices" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "pushes" ADD COLUMN     "bundle_id" INTEGER;

