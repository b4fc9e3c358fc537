// RFM: every member's recency, frequency and monetary value and the layer they give (高价值 … 流失),
// recomputed nightly by the recompute-rfm job and on 分层 重算; 分层 shows the counts and moves. Other
// features read the layers (segments 分层:…, win-back, tags).
export { layers, layersRecompute, rfmCommands } from "./commands.js";
export { recomputeRfmJob } from "./jobs.js";
export { type LayerSummary, readLayerSummary } from "./read-layer-summary.js";
export { type RecomputeAsker, recomputeLayers, recomputeLayersAndAnswer } from "./recompute-layers.js";
export { findLayer, LAYERS, type LayerKey } from "./rules/layers.js";
export { classifyMember, type RfmThresholds } from "./rules/rfm-rules.js";
