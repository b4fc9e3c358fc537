-- CreateTable
CREATE TABLE "shop_invites" (
    "shop_customer_id" TEXT NOT NULL,
    "inviter_id" INTEGER NOT NULL,
    "order_external_id" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'waiting',
    "member_id" INTEGER,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "shop_invites_pkey" PRIMARY KEY ("shop_customer_id")
);

-- CreateIndex
CREATE INDEX "shop_invites_inviter_id_idx" ON "shop_invites"("inviter_id");

