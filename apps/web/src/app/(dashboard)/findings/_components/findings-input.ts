import type { FindingsUrlFilter } from "@holmes/core";

export const FINDINGS_PAGE_SIZE = 50;

/** The list input for a URL filter and page; shared by the server prefetch and the client. */
export function findingsInput(filter: FindingsUrlFilter, page: number) {
  return {
    state: filter.state,
    sort: filter.sort,
    limit: FINDINGS_PAGE_SIZE,
    cursor: page * FINDINGS_PAGE_SIZE,
    ...(filter.severities.length ? { severities: filter.severities } : {}),
    ...(filter.hostName ? { hostName: filter.hostName } : {}),
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.text ? { text: filter.text } : {}),
  };
}
