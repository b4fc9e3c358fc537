-- CreateIndex
CREATE INDEX "group_buy_teams_told_at_idx" ON "group_buy_teams"("told_at");

