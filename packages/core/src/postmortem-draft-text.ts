import type { DraftFinding, DraftIncident, PostmortemEvidence } from "./postmortem-draft-types";

/** The Markdown the draft's sections start with; people rewrite it, so plain beats clever. */

/** "2026-11-22 10:25 UTC": minutes are what a post-mortem reader needs, in one zone. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

export function impactMarkdown(incident: DraftIncident, evidence: PostmortemEvidence): string {
  const lines = [
    `- Impact window: ${formatUtc(evidence.window.from)} → ${evidence.window.to ? formatUtc(evidence.window.to) : "not resolved"}`,
    ...evidence.severityMinutes.map(
      (s) => `- Time at SEV${s.severity}: ${formatMinutes(s.minutes)}`,
    ),
    `- Hosts: ${evidence.hosts.join(", ") || "none recorded"}`,
  ];
  if (evidence.components.length > 0) lines.push(`- Components: ${evidence.components.join(", ")}`);
  if (incident.detectedAt && incident.detectedAt > incident.startedAt) {
    const minutes = Math.round(
      (incident.detectedAt.getTime() - incident.startedAt.getTime()) / 60_000,
    );
    lines.push(`- Detected ${formatMinutes(minutes)} after it started`);
  }
  return lines.join("\n");
}

export function detectionMarkdown(findings: DraftFinding[], incident: DraftIncident): string {
  const first = [...findings].sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime())[0];
  if (!first) return "No finding was raised for this incident's hosts; it was declared by hand.";
  const lead = Math.round((incident.startedAt.getTime() - first.firstSeenAt.getTime()) / 60_000);
  const when =
    lead > 0 ? `${formatMinutes(lead)} before the incident started` : "during the incident";
  return `Holmes first raised "${first.title}" on ${first.hostName} (${first.ruleId}) ${when}.`;
}

// Lists rather than tables: the app's Markdown renderer is CommonMark, without GFM tables.
export function findingsMarkdown(findings: PostmortemEvidence["findings"]): string {
  if (findings.length === 0) return "";
  const lines = findings.map(
    (f) =>
      `- **${f.hostName}** ${f.severity} \`${f.ruleId}\`: ${oneLine(f.title)}${Object.keys(f.values).length > 0 ? ` (${oneLine(valuesText(f.values))})` : ""}`,
  );
  return ["### Findings at the time", "", ...lines].join("\n");
}

export function arraysMarkdown(arrays: PostmortemEvidence["arrays"]): string {
  if (arrays.length === 0) return "";
  const lines = arrays.flatMap((a) => [
    `- **${a.hostName} ${a.device}** (${a.level ?? "level unknown"}, ${a.raidDevices ?? "?"} devices, UUID ${a.uuid ?? "unknown"}; captured ${a.capturedAt})`,
    ...a.members.map(
      (m) =>
        `  - slot ${m.slot ?? "–"} · ${m.role ?? "role unknown"} · ${m.device} · serial ${m.serial ?? "unknown"}`,
    ),
  ]);
  return ["### Arrays and member serials (evidence vault)", "", ...lines].join("\n");
}

export function runbookMarkdown(steps: PostmortemEvidence["runbookSteps"]): string {
  if (steps.length === 0) return "";
  const lines = steps.map(
    (s) =>
      `- ${s.at} ${s.runbookTitle} — ${s.stepTitle}: ${s.outcome}${s.actorName ? ` (${s.actorName})` : ""}${s.note ? ` — ${s.note}` : ""}`,
  );
  return ["Runbooks used:", "", ...lines].join("\n");
}

function valuesText(values: Record<string, unknown>): string {
  return Object.entries(values)
    .slice(0, 6)
    .map(
      ([label, value]) =>
        `${label}=${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
    )
    .join(", ");
}

const oneLine = (text: string) => text.replaceAll(/\s*\n\s*/g, " ");

/** A Markdown table cell: pipes and newlines would break the row. */
export function cell(text: string): string {
  return oneLine(text).replaceAll("|", "\\|");
}
