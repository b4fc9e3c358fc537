// Recommendations (推荐) and bundles (套餐): the nightly co-purchase model over order lines (pairs with
// support, confidence and lift; each member's top 3 with a reason; cold-start fallbacks), 推荐 @某人,
// the model's report, and bundles declared or suggested from product → service pairs. Pushes read a
// member's recommendations ({推荐}, {推荐理由}) and bundle offers at their level's price ({套餐}) through here.

export { recommendationCommands } from "./commands.js";
export { type CreateBundleOutcome, createBundle } from "./create-bundle.js";
export { recomputeRecommendationsJob } from "./jobs.js";
export { type BundleOffer, readBundleOffers } from "./read-bundle-offers.js";
export { type BundleView, findBundle, listBundles } from "./read-bundles.js";
export { type ModelReport, readModelReport } from "./read-model-report.js";
export { type MemberRecommendationView, readMemberRecommendations, readRecommendationsFor } from "./read-recommendations.js";
export { type RecomputeAsker, recomputeRecommendationsAndAnswer } from "./recompute-and-answer.js";
export { type RecommendationSettings, type RecomputeResult, recomputeRecommendations } from "./recompute-recommendations.js";
export { parseBundle } from "./rules/bundle-command.js";
export { type BundleSuggestion, suggestBundles } from "./suggest-bundles.js";
