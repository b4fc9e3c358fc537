// Group-buys (拼团), their public face: what the bot registers (commands), what jobs/ runs (the deadline
// job's ref and the use cases it and the sweep call). Everything else in this folder is the feature's own;
// what it shares with flash sales (the pay link, the result's lifetime) comes from flash-sales/index.ts.

// ── Commands, in help order (members', then operators') ──
export { groupBuyMemberCommands, groupBuyOperatorCommands } from "./commands.js";
// ── Use cases ──
export { type CreateGroupBuyOutcome, createGroupBuy } from "./create-group-buy.js";
export { type EndGroupBuyOutcome, endGroupBuy } from "./end-group-buy.js";
// ── Jobs: definitions and the use cases they call ──
export { groupBuyDeadlineJob, groupBuyDeadlineJobId } from "./jobs.js";
export { joinGroupBuy, openGroupBuysIn } from "./join-group-buy.js";
export type { JoinGroupBuyOutcome, TeamChoice } from "./join-outcome.js";
export type { GroupBuyDraft } from "./rules/create-args.js";
export { type GroupBuySweepResult, sweepGroupBuys } from "./sweep-group-buys.js";
export { tellFinishedTeams } from "./tell-finished-teams.js";
