-- CreateEnum
CREATE TYPE "CouponKind" AS ENUM ('threshold', 'flat', 'new_member');

-- CreateTable
CREATE TABLE "coupon_templates" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CouponKind" NOT NULL,
    "value_cents" INTEGER NOT NULL,
    "min_spend_cents" INTEGER NOT NULL DEFAULT 0,
    "valid_days" INTEGER NOT NULL,
    "total_quota" INTEGER,
    "per_member_limit" INTEGER,
    "issued_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coupon_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coupons" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "template_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "campaign" TEXT,
    "dedupe_key" TEXT,
    "drop_id" INTEGER,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "redeemed_at" TIMESTAMPTZ(3),
    "redeemed_order_id" INTEGER,
    "expired_at" TIMESTAMPTZ(3),

    CONSTRAINT "coupons_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coupon_drops" (
    "id" SERIAL NOT NULL,
    "template_id" INTEGER NOT NULL,
    "room_id" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "claimed" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coupon_drops_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_links" (
    "shop_customer_id" TEXT NOT NULL,
    "member_id" INTEGER NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_links_pkey" PRIMARY KEY ("shop_customer_id")
);

-- CreateTable
CREATE TABLE "bind_codes" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "shop_customer_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "used_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bind_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_rfm" (
    "member_id" INTEGER NOT NULL,
    "last_order_at" TIMESTAMPTZ(3),
    "orders" INTEGER NOT NULL,
    "monetary_cents" BIGINT NOT NULL,
    "layer" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "member_rfm_pkey" PRIMARY KEY ("member_id")
);

-- CreateTable
CREATE TABLE "layer_changes" (
    "id" BIGSERIAL NOT NULL,
    "member_id" INTEGER NOT NULL,
    "from_layer" TEXT,
    "to_layer" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "layer_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "winback_runs" (
    "id" SERIAL NOT NULL,
    "run_key" TEXT NOT NULL,
    "holdout_share" DOUBLE PRECISION NOT NULL,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "winback_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "winback_targets" (
    "run_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "layer" TEXT NOT NULL,
    "holdout" BOOLEAN NOT NULL,
    "coupon_id" INTEGER,
    "selected_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "winback_targets_pkey" PRIMARY KEY ("run_id","member_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "coupon_templates_name_key" ON "coupon_templates"("name");

-- CreateIndex
CREATE UNIQUE INDEX "coupons_code_key" ON "coupons"("code");

-- CreateIndex
CREATE UNIQUE INDEX "coupons_dedupe_key_key" ON "coupons"("dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "coupons_redeemed_order_id_key" ON "coupons"("redeemed_order_id");

-- CreateIndex
CREATE INDEX "coupons_member_id_expires_at_idx" ON "coupons"("member_id", "expires_at");

-- CreateIndex
CREATE INDEX "coupons_expires_at_idx" ON "coupons"("expires_at");

-- CreateIndex
CREATE INDEX "coupons_campaign_idx" ON "coupons"("campaign");

-- CreateIndex
CREATE UNIQUE INDEX "coupons_drop_id_member_id_key" ON "coupons"("drop_id", "member_id");

-- CreateIndex
CREATE INDEX "coupon_drops_room_id_created_at_idx" ON "coupon_drops"("room_id", "created_at");

-- CreateIndex
CREATE INDEX "customer_links_member_id_idx" ON "customer_links"("member_id");

-- CreateIndex
CREATE INDEX "bind_codes_code_expires_at_idx" ON "bind_codes"("code", "expires_at");

-- CreateIndex
CREATE INDEX "member_rfm_layer_idx" ON "member_rfm"("layer");

-- CreateIndex
CREATE INDEX "layer_changes_changed_at_idx" ON "layer_changes"("changed_at");

-- CreateIndex
CREATE INDEX "layer_changes_member_id_changed_at_idx" ON "layer_changes"("member_id", "changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "winback_runs_run_key_key" ON "winback_runs"("run_key");

-- CreateIndex
CREATE INDEX "winback_targets_member_id_selected_at_idx" ON "winback_targets"("member_id", "selected_at");

-- AddForeignKey
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "coupon_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_drop_id_fkey" FOREIGN KEY ("drop_id") REFERENCES "coupon_drops"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_redeemed_order_id_fkey" FOREIGN KEY ("redeemed_order_id") REFERENCES "orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coupon_drops" ADD CONSTRAINT "coupon_drops_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "coupon_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coupon_drops" ADD CONSTRAINT "coupon_drops_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "winback_targets" ADD CONSTRAINT "winback_targets_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "winback_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The three coupon templates every installation starts with (seed scripts are not run in production).
INSERT INTO "coupon_templates" ("name", "kind", "value_cents", "min_spend_cents", "valid_days", "total_quota", "per_member_limit")
VALUES ('满200减30', 'threshold', 3000, 20000, 30, NULL, NULL),
       ('立减100', 'flat', 10000, 0, 30, NULL, NULL),
       ('首单立减50', 'new_member', 5000, 0, 30, NULL, 1)
ON CONFLICT ("name") DO NOTHING;

-- The RFM layer tags (src/domain/members/layers.ts).
INSERT INTO "tags" ("category", "name")
VALUES ('layer', '高价值'), ('layer', '潜力'), ('layer', '新用户'), ('layer', '流失风险'), ('layer', '流失')
ON CONFLICT ("category", "name") DO NOTHING;
