// 账号: the fleet of WeChat accounts (docs/fleet.md), for the owner and admins: which are online, their
// rooms as primary and standby, queues, today's sends against the caps, breakers, last seen.
export { accounts } from "./commands.js";
export { readFleet } from "./read-fleet.js";
export type { AccountView } from "./rules/fleet-view.js";
