export { Card } from "./card";
export { IncidentsPerMonthChart } from "./charts/incidents-per-month-chart";
export { MttChart } from "./charts/mtt-chart";
export {
  formatDuration,
  type IncidentMonthBucketInput,
  type IncidentsPerMonthRow,
  type MttRow,
  toIncidentsPerMonth,
  toMttSeries,
} from "./charts/to-incident-series";
export { toNfsRttSeries, toRetransSeries, toSyncSeries } from "./charts/to-nfs-series";
export {
  NVME_PERCENT_LABELS,
  SMART_COUNTER_LABELS,
  toNvmePercentSeries,
  toSmartCounterSeries,
  toTemperatureSeries,
} from "./charts/to-smart-series";
export {
  formatValue,
  type SeriesPointInput,
  summarizeTrend,
  type TrendSeries,
  toTrendSeries,
} from "./charts/to-trend-series";
export { TrendChart, type TrendChartProps } from "./charts/trend-chart";
export { EmptyState } from "./empty-state";
export { Markdown } from "./markdown";
export { PageHeader } from "./page-header";
export { ProgressBar } from "./progress-bar";
export { type Health, healthStyle, SeverityBadge } from "./severity-badge";
export { formatAge, TimeAgo } from "./time-ago";
