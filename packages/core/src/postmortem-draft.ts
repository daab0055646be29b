import {
  arraysMarkdown,
  detectionMarkdown,
  findingsMarkdown,
  impactMarkdown,
  runbookMarkdown,
} from "./postmortem-draft-text";
import type {
  DraftArray,
  DraftFacts,
  DraftIncident,
  DraftTimelineEntry,
  PostmortemDraft,
  PostmortemEvidence,
  PostmortemTimelineItem,
} from "./postmortem-draft-types";
import type { PostmortemSections } from "./postmortems";

export type {
  DraftArray,
  DraftFacts,
  DraftFinding,
  DraftIncident,
  DraftRunbookStep,
  DraftTimelineEntry,
  PostmortemDraft,
  PostmortemEvidence,
  PostmortemTimelineItem,
} from "./postmortem-draft-types";

/**
 * Composes a post-mortem draft from what the incident's own record says. Pure: the database
 * reads (queries/postmortem-draft.ts) gather the facts, this turns them into sections, the
 * timeline to choose from and the evidence snapshot kept with the document.
 */
export function composePostmortemDraft(facts: DraftFacts): PostmortemDraft {
  const { incident } = facts;
  const from = incident.detectedAt ?? incident.startedAt;
  const severityMinutes = minutesPerSeverity(incident, facts.severityChanges);
  const evidence: PostmortemEvidence = {
    window: { from: from.toISOString(), to: incident.resolvedAt?.toISOString() ?? null },
    severityMinutes,
    hosts: facts.hosts.map((h) => h.name),
    components: facts.components,
    findings: facts.findings.map(({ resolvedAt: _, ...f }) => ({
      ...f,
      firstSeenAt: f.firstSeenAt.toISOString(),
    })),
    arrays: facts.arrays.map(snapshotArray),
    runbookSteps: facts.runbookSteps.map((s) => ({ ...s, at: s.at.toISOString() })),
  };
  return {
    title: `Post-mortem: INC-${incident.number} ${incident.title}`,
    sections: draftSections(facts, evidence),
    timeline: facts.timeline.map(toTimelineItem),
    evidence,
  };
}

function draftSections(facts: DraftFacts, evidence: PostmortemEvidence): PostmortemSections {
  const { incident } = facts;
  const hostList = evidence.hosts.join(", ") || "no hosts recorded";
  return {
    summary: `INC-${incident.number} "${incident.title}" (SEV${incident.severity}) affected ${hostList}.`,
    impact: impactMarkdown(incident, evidence),
    timeline: "The entries kept below are from the incident's timeline; add context here.",
    rootCauses: "",
    trigger: "",
    resolution: runbookMarkdown(evidence.runbookSteps),
    detection: detectionMarkdown(facts.findings, incident),
    wentWell: "",
    wentWrong: "",
    gotLucky: "",
    actionItems: "",
    supportingInformation: [findingsMarkdown(evidence.findings), arraysMarkdown(evidence.arrays)]
      .filter((part) => part !== "")
      .join("\n\n"),
  };
}

/**
 * Minutes spent at each severity inside the impact window (detected, else started → resolved).
 * The severity before the first change is that change's `from`; with no change, the current one.
 */
export function minutesPerSeverity(
  incident: DraftIncident,
  changes: DraftFacts["severityChanges"],
): PostmortemEvidence["severityMinutes"] {
  const from = (incident.detectedAt ?? incident.startedAt).getTime();
  const to = incident.resolvedAt?.getTime();
  if (to === undefined || to <= from) return [];
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const totals = new Map<number, number>();
  let level = sorted[0]?.from ?? incident.severity;
  let since = from;
  for (const change of [...sorted, { at: new Date(to), from: level, to: level }]) {
    const at = Math.min(Math.max(change.at.getTime(), from), to);
    totals.set(level, (totals.get(level) ?? 0) + (at - since));
    level = change.to;
    since = at;
  }
  return [...totals]
    .filter(([, ms]) => ms > 0)
    .sort(([a], [b]) => a - b)
    .map(([severity, ms]) => ({ severity, minutes: Math.round(ms / 60_000) }));
}

function snapshotArray(array: DraftArray): PostmortemEvidence["arrays"][number] {
  return {
    hostName: array.hostName,
    capturedAt: array.capturedAt.toISOString(),
    device: array.map.device,
    level: array.map.level,
    uuid: array.map.uuid,
    raidDevices: array.map.raidDevices,
    members: array.map.members.map((m) => ({
      slot: m.slot,
      role: m.role,
      device: m.device,
      serial: m.serial,
    })),
  };
}

export function toTimelineItem(entry: DraftTimelineEntry): PostmortemTimelineItem {
  const at = entry.at.toISOString();
  if (entry.source === "human") {
    const change = entry.statusChange ? ` [status → ${entry.statusChange}]` : "";
    return {
      key: entry.key,
      at,
      source: "human",
      kind: "update",
      actor: entry.authorName,
      text: `${entry.body}${change}`,
    };
  }
  if (entry.source === "machine") {
    return {
      key: entry.key,
      at,
      source: "machine",
      kind: entry.kind,
      actor: entry.hostName,
      text: `${entry.title}${entry.detail ? ` — ${entry.detail}` : ""}`,
    };
  }
  return {
    key: entry.key,
    at,
    source: "lifecycle",
    kind: entry.kind,
    actor: entry.actorName,
    text: lifecycleText(entry.kind, entry.data),
  };
}

function lifecycleText(kind: string, data: Record<string, unknown>): string {
  const words = kind.replaceAll(/[._]/g, " ");
  const from = data.from;
  const to = data.to;
  if (to !== undefined && typeof to !== "object")
    return `${words}: ${String(from)} → ${String(to)}`;
  const detail = ["title", "stepTitle", "outcome", "note"]
    .map((field) => data[field])
    .filter((value): value is string => typeof value === "string" && value !== "");
  return detail.length > 0 ? `${words}: ${detail.join(" — ")}` : words;
}
