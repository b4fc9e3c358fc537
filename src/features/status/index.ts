// 状态: how the bot is doing (uptime, queues, today's deliveries, throttle), for operators. The job
// queues and their labels come from the app context (the entry point tells it jobs/index.ts).
export { status } from "./commands.js";
