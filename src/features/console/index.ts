// The operator console (后台): login codes and sessions (logged into from WeChat with 后台), the
// metrics defined once (metrics.ts: name, definition, SQL) and what the pages read, the rollups a job
// keeps fresh, the actions the pages take (through the pushes' and flash sales' use cases), and the
// 看板 chat command. The pages themselves are a transport: src/web.

export { type CachedView, readCachedView, readCampaignList, refreshCachedViews } from "./cached-views.js";
export { consoleCommands, consoleLogin, consoleLogout, dashboard } from "./commands.js";
export {
  type ConsoleSessionView,
  consoleUrl,
  endConsoleSession,
  endConsoleSessions,
  issueLoginCode,
  type LoginOutcome,
  readConsoleSession,
  redeemLoginCode,
} from "./console-sessions.js";
export { dashboardLines, KEY_METRICS } from "./dashboard-lines.js";
export { type Counted, measureMetrics, measureWindow } from "./measure-metrics.js";
export {
  COUNTED_METRICS,
  DERIVED_METRICS,
  type Figures,
  METRICS,
  type MetricKey,
  metricByKey,
  metricSql,
  withDerived,
} from "./metrics.js";
export {
  CAMPAIGN_KIND_LABELS,
  type CampaignDetail,
  type CampaignFunnel,
  listCampaigns,
  readCampaign,
  skippedTotal,
} from "./read-campaigns.js";
export { type Overview, readOverview } from "./read-overview.js";
export {
  type LayersView,
  layerName,
  type RoomRow,
  readCalendar,
  readGroups,
  readLayers,
  readMemberProfile,
  searchMembers,
} from "./read-pages.js";
export { type RefreshResult, refreshConsoleRollups } from "./refresh-rollups.js";
export { BOM, type CsvValue, toCsv } from "./rules/csv.js";
export { formatChange, formatFigure } from "./rules/format-figure.js";
export { CONSOLE_ACTIONS, type ConsoleActionName, mayRunAction, runConsoleAction } from "./run-console-action.js";
export { consoleTexts } from "./texts.js";
