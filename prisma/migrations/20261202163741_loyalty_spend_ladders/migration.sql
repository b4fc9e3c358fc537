-- CreateTable
CREATE TABLE "spend_ladders" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "rungs" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spend_ladders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ladder_grants" (
    "ladder_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "rung_cents" INTEGER NOT NULL,
    "reward" TEXT NOT NULL,
    "coupon_id" INTEGER,
    "granted_at" TIMESTAMPTZ(3) NOT NULL,
    "reversed_at" TIMESTAMPTZ(3),

    CONSTRAINT "ladder_grants_pkey" PRIMARY KEY ("ladder_id","member_id","rung_cents")
);

-- CreateIndex
CREATE UNIQUE INDEX "spend_ladders_name_key" ON "spend_ladders"("name");

-- CreateIndex
CREATE INDEX "ladder_grants_member_id_idx" ON "ladder_grants"("member_id");

