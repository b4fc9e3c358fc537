-- CreateEnum
CREATE TYPE "AccountState" AS ENUM ('online', 'offline', 'limited', 'retired');

-- CreateEnum
CREATE TYPE "RoomAccountRole" AS ENUM ('primary', 'standby');

-- CreateEnum
CREATE TYPE "ReachSource" AS ENUM ('friend', 'wrote');

-- AlterTable
ALTER TABLE "members" ADD COLUMN     "dedicated_account_id" INTEGER;

-- CreateTable
CREATE TABLE "bot_accounts" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "wechat_id" TEXT,
    "state" "AccountState" NOT NULL DEFAULT 'offline',
    "last_seen_at" TIMESTAMPTZ(3),
    "holder" TEXT,
    "fencing_token" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bot_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room_accounts" (
    "room_id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "role" "RoomAccountRole" NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_accounts_pkey" PRIMARY KEY ("room_id","account_id")
);

-- CreateTable
CREATE TABLE "member_reach" (
    "member_id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "source" "ReachSource" NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_reach_pkey" PRIMARY KEY ("member_id","account_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bot_accounts_name_key" ON "bot_accounts"("name");

-- CreateIndex
CREATE UNIQUE INDEX "bot_accounts_wechat_id_key" ON "bot_accounts"("wechat_id");

-- CreateIndex
CREATE INDEX "room_accounts_account_id_idx" ON "room_accounts"("account_id");

-- CreateIndex
CREATE INDEX "member_reach_account_id_idx" ON "member_reach"("account_id");

-- AddForeignKey
ALTER TABLE "members" ADD CONSTRAINT "members_dedicated_account_id_fkey" FOREIGN KEY ("dedicated_account_id") REFERENCES "bot_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_accounts" ADD CONSTRAINT "room_accounts_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room_accounts" ADD CONSTRAINT "room_accounts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "bot_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_reach" ADD CONSTRAINT "member_reach_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_reach" ADD CONSTRAINT "member_reach_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "bot_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

