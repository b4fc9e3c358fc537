-- CreateTable
CREATE TABLE "member_birthdays" (
    "member_id" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "member_birthdays_pkey" PRIMARY KEY ("member_id")
);

-- CreateIndex
CREATE INDEX "member_birthdays_month_day_idx" ON "member_birthdays"("month", "day");

