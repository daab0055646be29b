import { FINDING_SEVERITIES, type FindingSeverity } from "./findings";
import { HOST_HEALTHS, type HostHealth } from "./health";

/**
 * Filters that live in the page URL, so a filtered fleet or findings view can be bookmarked and
 * pasted into an incident channel. Unknown or malformed values are dropped, never trusted.
 */
export type FleetUrlFilter = {
  healths: HostHealth[];
  groups: string[];
  ruleId: string | null;
  text: string;
};

export type FindingsUrlFilter = {
  state: "unresolved" | "open" | "acknowledged" | "resolved";
  severities: FindingSeverity[];
  hostName: string | null;
  ruleId: string | null;
  text: string;
  sort: "severity" | "lastSeen" | "firstSeen" | "host";
};

type Params = { get(name: string): string | null };

const list = (value: string | null) =>
  (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && part.length <= 200);

const oneOf = <T extends string>(allowed: readonly T[], value: string | null, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

const RULE_ID = /^[a-z0-9_.-]{1,100}$/;
const ruleIdOf = (value: string | null) => (value && RULE_ID.test(value) ? value : null);

export function parseFleetFilter(params: Params): FleetUrlFilter {
  return {
    healths: list(params.get("health")).filter((h): h is HostHealth =>
      (HOST_HEALTHS as readonly string[]).includes(h),
    ),
    groups: list(params.get("group")),
    ruleId: ruleIdOf(params.get("rule")),
    text: (params.get("q") ?? "").slice(0, 200),
  };
}

export function fleetFilterToQuery(filter: FleetUrlFilter): string {
  const params = new URLSearchParams();
  if (filter.healths.length > 0) params.set("health", filter.healths.join(","));
  if (filter.groups.length > 0) params.set("group", filter.groups.join(","));
  if (filter.ruleId) params.set("rule", filter.ruleId);
  if (filter.text.trim()) params.set("q", filter.text.trim());
  return params.toString();
}

const STATES = ["unresolved", "open", "acknowledged", "resolved"] as const;
const SORTS = ["severity", "lastSeen", "firstSeen", "host"] as const;

export function parseFindingsFilter(params: Params): FindingsUrlFilter {
  return {
    state: oneOf(STATES, params.get("state"), "unresolved"),
    severities: list(params.get("severity")).filter((s): s is FindingSeverity =>
      (FINDING_SEVERITIES as readonly string[]).includes(s),
    ),
    hostName: params.get("host")?.slice(0, 253) || null,
    ruleId: ruleIdOf(params.get("rule")),
    text: (params.get("q") ?? "").slice(0, 200),
    sort: oneOf(SORTS, params.get("sort"), "severity"),
  };
}

export function findingsFilterToQuery(filter: FindingsUrlFilter): string {
  const params = new URLSearchParams();
  if (filter.state !== "unresolved") params.set("state", filter.state);
  if (filter.severities.length > 0) params.set("severity", filter.severities.join(","));
  if (filter.hostName) params.set("host", filter.hostName);
  if (filter.ruleId) params.set("rule", filter.ruleId);
  if (filter.text.trim()) params.set("q", filter.text.trim());
  if (filter.sort !== "severity") params.set("sort", filter.sort);
  return params.toString();
}
