-- CreateTable
CREATE TABLE "segments" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room_tags" (
    "room_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "room_tags_pkey" PRIMARY KEY ("room_id","name")
);

-- CreateTable
CREATE TABLE "pushes" (
    "id" SERIAL NOT NULL,
    "audience" TEXT NOT NULL,
    "expression" TEXT NOT NULL,
    "room_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "variants" TEXT[],
    "status" TEXT NOT NULL,
    "audience_count" INTEGER NOT NULL DEFAULT 0,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "confirm_by" TIMESTAMPTZ(3),
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "fanned_out_at" TIMESTAMPTZ(3),

    CONSTRAINT "pushes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_items" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "room_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "room_tag" TEXT,
    "publish_at" TIMESTAMPTZ(3),
    "cron" TEXT,
    "options" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "poll_minutes" INTEGER NOT NULL DEFAULT 60,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "live_reservations" (
    "item_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "live_reservations_pkey" PRIMARY KEY ("item_id","member_id")
);

-- CreateTable
CREATE TABLE "poll_votes" (
    "item_id" INTEGER NOT NULL,
    "slot" TEXT NOT NULL,
    "member_id" INTEGER NOT NULL,
    "option" INTEGER NOT NULL,
    "room_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "poll_votes_pkey" PRIMARY KEY ("item_id","slot","member_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "segments_name_key" ON "segments"("name");

-- CreateIndex
CREATE INDEX "room_tags_name_idx" ON "room_tags"("name");

-- CreateIndex
CREATE INDEX "pushes_status_idx" ON "pushes"("status");

-- CreateIndex
CREATE INDEX "calendar_items_active_idx" ON "calendar_items"("active");

-- AddForeignKey
ALTER TABLE "live_reservations" ADD CONSTRAINT "live_reservations_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "calendar_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poll_votes" ADD CONSTRAINT "poll_votes_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "calendar_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

