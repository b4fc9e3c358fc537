-- AlterEnum
ALTER TYPE "TagSource" ADD VALUE 'event';

-- AlterTable
ALTER TABLE "calendar_items" ADD COLUMN     "natural_key" TEXT;

-- AlterTable
ALTER TABLE "pushes" ADD COLUMN     "room_bindings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "segments" ADD COLUMN     "room_bindings" JSONB NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE UNIQUE INDEX "calendar_items_natural_key_key" ON "calendar_items"("natural_key");
