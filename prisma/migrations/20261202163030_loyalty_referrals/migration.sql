-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('pending', 'rewarded', 'capped', 'void', 'reversed');

-- CreateTable
CREATE TABLE "referrals" (
    "invitee_id" INTEGER NOT NULL,
    "inviter_id" INTEGER NOT NULL,
    "order_id" INTEGER NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'pending',
    "eligible_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),
    "points" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "referrals_pkey" PRIMARY KEY ("invitee_id")
);

-- CreateTable
CREATE TABLE "referral_codes" (
    "member_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_codes_pkey" PRIMARY KEY ("member_id")
);

-- CreateIndex
CREATE INDEX "referrals_inviter_id_status_idx" ON "referrals"("inviter_id", "status");

-- CreateIndex
CREATE INDEX "referrals_status_eligible_at_idx" ON "referrals"("status", "eligible_at");

-- CreateIndex
CREATE UNIQUE INDEX "referral_codes_code_key" ON "referral_codes"("code");

