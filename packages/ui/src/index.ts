export { Card } from "./card";
export { EmptyState } from "./empty-state";
export { PageHeader } from "./page-header";
