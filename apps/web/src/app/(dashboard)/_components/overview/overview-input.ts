import type { FleetUrlFilter } from "@holmes/core";

/**
 * The API input for a URL filter, empty parts left out so the server's prefetch and the client's
 * query build the same key. Shared by the server page and the client component, so not "use client".
 */
export function overviewInput(filter: FleetUrlFilter) {
  return {
    ...(filter.healths.length ? { healths: filter.healths } : {}),
    ...(filter.groups.length ? { groups: filter.groups } : {}),
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.text ? { text: filter.text } : {}),
  };
}

export const OPEN_FINDINGS_INPUT = { limit: 10 } as const;
