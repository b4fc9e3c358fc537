// Experiments (实验): a push (made with 实验) or a win-back run measured honestly: arms, an optional
// holdout, stable random assignment stored per member, a declared metric (a paid order within N days),
// the planned sample per arm, and 实验 报告 with intervals, p-values, a sample-ratio check and no winner
// before the plan is met. Pushes declare and assign through here.

export { assignArms } from "./assign-arms.js";
export { experimentCommands, experimentReport } from "./commands.js";
export { createExperiment, findExperiment } from "./create-experiment.js";
export { type ExperimentReportOutcome, readExperimentReport } from "./read-experiment-report.js";
export { armFor, armShares, assignmentDraw } from "./rules/assignment.js";
export { type ExperimentRef, parseExperimentRef } from "./rules/experiment-ref.js";
export { type ArmCounts, type ArmResult, judgeExperiment, type Verdict } from "./rules/judge.js";
export * from "./rules/statistics.js";
