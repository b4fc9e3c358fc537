-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "valid_until" TIMESTAMPTZ(3);
