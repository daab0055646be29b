import { POSTMORTEM_STATUSES, type PostmortemStatus } from "@holmes/core";

export type PostmortemsFilter = { status: PostmortemStatus | null; text: string };

export function parsePostmortemsFilter(params: URLSearchParams): PostmortemsFilter {
  const status = params.get("status");
  return {
    status: (POSTMORTEM_STATUSES as readonly string[]).includes(status ?? "")
      ? (status as PostmortemStatus)
      : null,
    text: (params.get("q") ?? "").slice(0, 200),
  };
}

export function postmortemsFilterToQuery(filter: PostmortemsFilter): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.text.trim()) params.set("q", filter.text.trim());
  return params.toString();
}

export function postmortemsInput(filter: PostmortemsFilter) {
  return {
    statuses: filter.status ? [filter.status] : undefined,
    text: filter.text.trim() || undefined,
    limit: 100,
  };
}
