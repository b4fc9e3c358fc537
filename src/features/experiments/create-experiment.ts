import type { AppContext } from "../../kernel/app-context.js";
import type { Experiment } from "../../kernel/db/generated/client.js";
import { plannedSamplePerArm } from "./rules/statistics.js";

/**
 * Declares a campaign (push:12, winback:3) an experiment: its arms, holdout, metric window and the
 * planned sample per arm from the configured baseline and minimum detectable effect. Idempotent on
 * the campaign: declaring it again returns the stored one.
 */
export async function createExperiment(
  app: AppContext,
  input: { campaign: string; arms: readonly string[]; holdoutShare: number; at: Date },
): Promise<Experiment> {
  const { metricDays, baselineRate, mde } = app.config.experiments;
  await app.db.experiment.createMany({
    data: [
      {
        campaign: input.campaign,
        arms: [...input.arms],
        holdoutShare: input.holdoutShare,
        metricDays,
        baselineRate,
        mde,
        plannedPerArm: plannedSamplePerArm(baselineRate, mde),
        startedAt: input.at,
      },
    ],
    skipDuplicates: true,
  });
  return app.db.experiment.findUniqueOrThrow({ where: { campaign: input.campaign } });
}

/** The experiment a campaign runs as, if it is one. */
export async function findExperiment(app: AppContext, campaign: string): Promise<Experiment | null> {
  return app.db.experiment.findUnique({ where: { campaign } });
}
