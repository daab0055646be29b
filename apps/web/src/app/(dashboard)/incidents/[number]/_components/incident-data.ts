import type { RouterOutputs } from "@holmes/api";

/** One incident as `incident.byNumber` returns it: record, role names, hosts, findings. */
export type IncidentData = RouterOutputs["incident"]["byNumber"];
