import type { AppContext } from "../../kernel/app-context.js";
import { type RecomputeResult, recomputeRecommendations } from "./recompute-recommendations.js";
import { recommendationTexts as texts } from "./texts.js";

/** Who asked for 推荐 重算: answered where they asked. */
export interface RecomputeAsker {
  memberId: number;
  roomId?: number;
  name: string;
}

/** The recompute-recommendations job: the model now, then the answer to whoever asked (once per job id). */
export async function recomputeRecommendationsAndAnswer(
  app: AppContext,
  input: { replyTo?: RecomputeAsker; jobId: string },
): Promise<RecomputeResult> {
  const result = await recomputeRecommendations(app, { at: app.clock.now(), settings: app.config.recommendations });
  app.logger.info(result, "recommendations recomputed");
  const { replyTo } = input;
  if (replyTo) {
    const text = texts.recomputed(result);
    const dedupeKey = `reco:reply:${input.jobId}`;
    await app.outbox.send(
      replyTo.roomId
        ? { kind: "reply", to: { roomId: replyTo.roomId }, text: `@${replyTo.name} ${text}`, dedupeKey }
        : { kind: "reply", to: { memberId: replyTo.memberId }, text, dedupeKey },
    );
  }
  return result;
}
