import { INCIDENT_STATUSES, type IncidentStatus, SEVERITY_LEVELS } from "@holmes/core";

/** The incident list's filter as held in the URL: `?status=a,b&sev=1,2&host=x&q=text`. */
export type IncidentsUrlFilter = {
  statuses: IncidentStatus[];
  severities: number[];
  hostName: string;
  text: string;
};

export const INCIDENTS_PAGE_SIZE = 50;

const list = (value: string | null) => (value ?? "").split(",").filter(Boolean);

/** Unknown values are dropped rather than refused: an old bookmark still opens. */
export function parseIncidentsFilter(params: URLSearchParams): IncidentsUrlFilter {
  return {
    statuses: list(params.get("status")).filter((s): s is IncidentStatus =>
      (INCIDENT_STATUSES as readonly string[]).includes(s),
    ),
    severities: list(params.get("sev"))
      .map(Number)
      .filter((n) => (SEVERITY_LEVELS as readonly number[]).includes(n)),
    hostName: (params.get("host") ?? "").slice(0, 253),
    text: (params.get("q") ?? "").slice(0, 200),
  };
}

export function incidentsFilterToQuery(filter: IncidentsUrlFilter): string {
  const params = new URLSearchParams();
  if (filter.statuses.length) params.set("status", filter.statuses.join(","));
  if (filter.severities.length) params.set("sev", filter.severities.join(","));
  if (filter.hostName) params.set("host", filter.hostName);
  if (filter.text) params.set("q", filter.text);
  return params.toString();
}

/** The `incident.list` input for a filter and page; shared by the server prefetch and the client. */
export function incidentsInput(filter: IncidentsUrlFilter, page: number) {
  return {
    limit: INCIDENTS_PAGE_SIZE,
    cursor: page * INCIDENTS_PAGE_SIZE,
    ...(filter.statuses.length ? { statuses: filter.statuses } : {}),
    ...(filter.severities.length ? { severities: filter.severities } : {}),
    ...(filter.hostName ? { hostName: filter.hostName } : {}),
    ...(filter.text ? { text: filter.text } : {}),
  };
}
