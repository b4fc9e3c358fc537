-- CreateEnum
CREATE TYPE "GiftOrderStatus" AS ENUM ('pending', 'sent', 'cancelled');

-- CreateTable
CREATE TABLE "gift_orders" (
    "id" SERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "gift_name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" "GiftOrderStatus" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "sent_by_id" INTEGER,

    CONSTRAINT "gift_orders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "gift_orders_source_key" ON "gift_orders"("source");

-- CreateIndex
CREATE INDEX "gift_orders_status_created_at_idx" ON "gift_orders"("status", "created_at");

