-- AlterTable
ALTER TABLE "pushes" ADD COLUMN     "coupon_template_id" INTEGER;

-- AddForeignKey
ALTER TABLE "pushes" ADD CONSTRAINT "pushes_coupon_template_id_fkey" FOREIGN KEY ("coupon_template_id") REFERENCES "coupon_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

