-- CreateEnum
CREATE TYPE "SaleStatus" AS ENUM ('scheduled', 'cancelled', 'ended');

-- CreateEnum
CREATE TYPE "TeamStatus" AS ENUM ('open', 'complete', 'failed');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "flash_sale_id" INTEGER,
ADD COLUMN     "grab_seq" INTEGER,
ADD COLUMN     "group_buy_team_id" INTEGER;

-- CreateTable
CREATE TABLE "flash_sales" (
    "id" SERIAL NOT NULL,
    "product" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "original_price_cents" INTEGER,
    "stock" INTEGER NOT NULL,
    "per_member_limit" INTEGER NOT NULL DEFAULT 1,
    "room_ids" INTEGER[],
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "SaleStatus" NOT NULL DEFAULT 'scheduled',
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "flash_sales_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_buys" (
    "id" SERIAL NOT NULL,
    "product" TEXT NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "team_size" INTEGER NOT NULL,
    "per_member_limit" INTEGER NOT NULL DEFAULT 1,
    "room_ids" INTEGER[],
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "status" "SaleStatus" NOT NULL DEFAULT 'scheduled',
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_buys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_buy_teams" (
    "id" SERIAL NOT NULL,
    "group_buy_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "TeamStatus" NOT NULL DEFAULT 'open',
    "room_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "group_buy_teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_buy_seats" (
    "team_id" INTEGER NOT NULL,
    "seat" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "group_buy_id" INTEGER NOT NULL,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_buy_seats_pkey" PRIMARY KEY ("team_id","seat")
);

-- CreateIndex
CREATE INDEX "flash_sales_status_ends_at_idx" ON "flash_sales"("status", "ends_at");

-- CreateIndex
CREATE INDEX "group_buys_status_deadline_idx" ON "group_buys"("status", "deadline");

-- CreateIndex
CREATE INDEX "group_buy_teams_group_buy_id_status_created_at_idx" ON "group_buy_teams"("group_buy_id", "status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "group_buy_teams_group_buy_id_number_key" ON "group_buy_teams"("group_buy_id", "number");

-- CreateIndex
CREATE INDEX "group_buy_seats_group_buy_id_member_id_idx" ON "group_buy_seats"("group_buy_id", "member_id");

-- CreateIndex
CREATE UNIQUE INDEX "group_buy_seats_team_id_member_id_key" ON "group_buy_seats"("team_id", "member_id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_flash_sale_id_member_id_grab_seq_key" ON "orders"("flash_sale_id", "member_id", "grab_seq");

-- CreateIndex
CREATE UNIQUE INDEX "orders_group_buy_team_id_member_id_key" ON "orders"("group_buy_team_id", "member_id");

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_flash_sale_id_fkey" FOREIGN KEY ("flash_sale_id") REFERENCES "flash_sales"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_group_buy_team_id_fkey" FOREIGN KEY ("group_buy_team_id") REFERENCES "group_buy_teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_buy_teams" ADD CONSTRAINT "group_buy_teams_group_buy_id_fkey" FOREIGN KEY ("group_buy_id") REFERENCES "group_buys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_buy_seats" ADD CONSTRAINT "group_buy_seats_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "group_buy_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

