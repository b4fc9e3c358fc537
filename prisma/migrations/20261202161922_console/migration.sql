-- CreateTable
CREATE TABLE "console_login_codes" (
    "id" SERIAL NOT NULL,
    "code_hash" TEXT NOT NULL,
    "member_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "console_login_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "console_sessions" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "member_id" INTEGER NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "console_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "console_daily_metrics" (
    "day" DATE NOT NULL,
    "gmv_cents" BIGINT NOT NULL,
    "paid_orders" INTEGER NOT NULL,
    "buyers" INTEGER NOT NULL,
    "attributed_orders" INTEGER NOT NULL,
    "members_reached" INTEGER NOT NULL,
    "coupon_claims" INTEGER NOT NULL,
    "coupon_redemptions" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "console_daily_metrics_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "console_hourly_metrics" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "gmv_cents" BIGINT NOT NULL,
    "paid_orders" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "console_hourly_metrics_pkey" PRIMARY KEY ("hour")
);

-- CreateIndex
CREATE UNIQUE INDEX "console_login_codes_code_hash_key" ON "console_login_codes"("code_hash");

-- CreateIndex
CREATE INDEX "console_login_codes_member_id_idx" ON "console_login_codes"("member_id");

-- CreateIndex
CREATE UNIQUE INDEX "console_sessions_token_hash_key" ON "console_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "console_sessions_member_id_idx" ON "console_sessions"("member_id");

-- CreateIndex
CREATE INDEX "coupons_issued_at_idx" ON "coupons"("issued_at");

-- CreateIndex
CREATE INDEX "coupons_redeemed_at_idx" ON "coupons"("redeemed_at");

-- CreateIndex
CREATE INDEX "deliveries_sent_at_idx" ON "deliveries"("sent_at");

-- CreateIndex
CREATE INDEX "orders_paid_at_idx" ON "orders"("paid_at");

