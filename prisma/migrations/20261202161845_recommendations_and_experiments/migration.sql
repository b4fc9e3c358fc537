-- CreateEnum
CREATE TYPE "ProductKind" AS ENUM ('product', 'service');

-- AlterTable
ALTER TABLE "pushes" ADD COLUMN     "no_recommendation" TEXT;

-- CreateTable
CREATE TABLE "products" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "kind" "ProductKind" NOT NULL DEFAULT 'product',
    "price_cents" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_lines" (
    "order_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "product_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT '',
    "kind" "ProductKind" NOT NULL DEFAULT 'product',
    "quantity" INTEGER NOT NULL,
    "price_cents" INTEGER NOT NULL,

    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("order_id","line_no")
);

-- CreateTable
CREATE TABLE "product_pairs" (
    "from_product_id" TEXT NOT NULL,
    "to_product_id" TEXT NOT NULL,
    "support" INTEGER NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "lift" DOUBLE PRECISION NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "product_pairs_pkey" PRIMARY KEY ("from_product_id","to_product_id")
);

-- CreateTable
CREATE TABLE "member_recommendations" (
    "member_id" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "product_id" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "member_recommendations_pkey" PRIMARY KEY ("member_id","rank")
);

-- CreateTable
CREATE TABLE "bundles" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "product_ids" TEXT[],
    "price_cents" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bundles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiments" (
    "id" SERIAL NOT NULL,
    "campaign" TEXT NOT NULL,
    "arms" TEXT[],
    "holdout_share" DOUBLE PRECISION NOT NULL,
    "metric_days" INTEGER NOT NULL,
    "baseline_rate" DOUBLE PRECISION NOT NULL,
    "mde" DOUBLE PRECISION NOT NULL,
    "planned_per_arm" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "experiments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiment_assignments" (
    "experiment_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "arm" TEXT NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "experiment_assignments_pkey" PRIMARY KEY ("experiment_id","member_id")
);

-- CreateIndex
CREATE INDEX "order_lines_product_id_idx" ON "order_lines"("product_id");

-- CreateIndex
CREATE INDEX "product_pairs_lift_idx" ON "product_pairs"("lift");

-- CreateIndex
CREATE INDEX "member_recommendations_product_id_idx" ON "member_recommendations"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "bundles_name_key" ON "bundles"("name");

-- CreateIndex
CREATE UNIQUE INDEX "experiments_campaign_key" ON "experiments"("campaign");

-- CreateIndex
CREATE INDEX "experiment_assignments_experiment_id_arm_idx" ON "experiment_assignments"("experiment_id", "arm");
