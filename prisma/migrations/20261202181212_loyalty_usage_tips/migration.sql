-- CreateTable
CREATE TABLE "usage_tips" (
    "category" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_tips_pkey" PRIMARY KEY ("category")
);

