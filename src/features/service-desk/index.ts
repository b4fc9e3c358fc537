// The service desk (客服 / 工单): members ask for help in a group or privately (客服 我的牙刷坏了); a ticket
// T + id gets a colour (its first-response promise: red 1 h, yellow 4 h, green 24 h by keyword rules, one
// step up for 高价值), an assignee (the member's dedicated agent, else round-robin over the agents on
// duty, else the owner), reminders at 50 % / 80 % and a breach alert at 100 %, then a follow-up rating.
// An agent is an operator (or above) with a ServiceAgent row: a flag, not a role, because roles are a
// ladder (owner ⊃ admin ⊃ operator) and serving tickets is not a rung of it: an owner or an admin may be
// on duty too. The router hands private chatter here (handlePrivateChatter): never silence in private.
export { serviceMemberCommands, serviceOperatorCommands } from "./commands.js";
export { handlePrivateChatter, type PrivateChatterOutcome } from "./handle-private-chatter.js";
export { type TicketStep, ticketTimerJob, ticketTimerJobId } from "./jobs.js";
export { recolourTicket, resolveTicket, transferTicket, waitOnTicket } from "./manage-ticket.js";
export { type OpenTicketOutcome, openTicket } from "./open-ticket.js";
export {
  type OpenTicketRow,
  readServiceDeskView,
  type ServiceDeskView,
  TICKET_METRIC_DEFINITIONS,
} from "./read-service-desk.js";
export { readTicketStats, ticketStatsText } from "./read-ticket-stats.js";
export { replyToTicket } from "./reply-to-ticket.js";
export { COLOUR_LABELS, COLOURS, type Colour } from "./rules/colour.js";
export { computeTicketStats, percentile, type TicketFacts, type TicketStats } from "./rules/ticket-stats.js";
export { runTicketStep, type TicketStepOutcome } from "./run-ticket-step.js";
export { setDedicatedAgent, setDuty } from "./set-duty.js";
export { sweepTickets, type TicketSweepResult } from "./sweep-tickets.js";
export { statsFigure } from "./texts.js";
