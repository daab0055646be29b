export { Card } from "./card";
export { EmptyState } from "./empty-state";
export { PageHeader } from "./page-header";
export { type Health, healthStyle, SeverityBadge } from "./severity-badge";
export { formatAge, TimeAgo } from "./time-ago";
