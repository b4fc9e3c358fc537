-- AlterTable
ALTER TABLE "group_buy_teams" ADD COLUMN     "told_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "stock_released_at" TIMESTAMPTZ(3);

-- Rows from before the markers: finished teams were told, expired orders' units were released
-- (otherwise the sales sweep would tell or release them a second time).
UPDATE "group_buy_teams" SET "told_at" = COALESCE("completed_at", now()) WHERE "status" <> 'open';
UPDATE "orders" SET "stock_released_at" = "updated_at" WHERE "status" = 'expired' AND "flash_sale_id" IS NOT NULL;
