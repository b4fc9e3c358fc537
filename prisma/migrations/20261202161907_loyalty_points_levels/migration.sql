-- CreateEnum
CREATE TYPE "PointSource" AS ENUM ('order', 'order_reversal', 'checkin', 'checkin_streak', 'referral', 'referral_reversal', 'redeem', 'redeem_release', 'expiry', 'adjust');

-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('reserved', 'committed', 'released');

-- CreateTable
CREATE TABLE "point_entries" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "source" "PointSource" NOT NULL,
    "ref" TEXT NOT NULL,
    "lot_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "note" TEXT,

    CONSTRAINT "point_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_ins" (
    "member_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "streak" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "check_ins_pkey" PRIMARY KEY ("member_id","day")
);

-- CreateTable
CREATE TABLE "exchange_items" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "coupon_template_id" INTEGER,
    "gift_name" TEXT,
    "stock" INTEGER,
    "redeemed_count" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "redemptions" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "item_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'reserved',
    "coupon_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "redemptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_levels" (
    "member_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "spend_cents" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "member_levels_pkey" PRIMARY KEY ("member_id")
);

-- CreateIndex
CREATE INDEX "point_entries_member_id_at_idx" ON "point_entries"("member_id", "at");

-- CreateIndex
CREATE INDEX "point_entries_expires_at_idx" ON "point_entries"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "point_entries_member_id_source_ref_key" ON "point_entries"("member_id", "source", "ref");

-- CreateIndex
CREATE INDEX "redemptions_member_id_at_idx" ON "redemptions"("member_id", "at");

-- CreateIndex
CREATE INDEX "redemptions_status_idx" ON "redemptions"("status");

-- CreateIndex
CREATE INDEX "member_levels_level_idx" ON "member_levels"("level");

