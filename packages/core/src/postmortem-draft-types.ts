import type { EvidenceMdArray } from "./evidence";
import type { IncidentTimelineEntry } from "./incidents";
import type { PostmortemSections } from "./postmortems";

/** The facts a post-mortem draft is composed from, and what the composer returns. */

export type DraftIncident = {
  number: number;
  title: string;
  severity: number;
  startedAt: Date;
  detectedAt: Date | null;
  resolvedAt: Date | null;
};

/** The incident timeline's entries without their position, so its rows pass straight in. */
export type DraftTimelineEntry = IncidentTimelineEntry extends infer Entry
  ? Entry extends unknown
    ? Omit<Entry, "seq">
    : never
  : never;

export type DraftFinding = {
  hostName: string;
  ruleId: string;
  title: string;
  severity: string;
  objectKind: string;
  objectName: string;
  /** The finding's evidence values as stored (label → value). */
  values: Record<string, unknown>;
  firstSeenAt: Date;
  resolvedAt: Date | null;
};

export type DraftArray = { hostName: string; capturedAt: Date; map: EvidenceMdArray };

export type DraftRunbookStep = {
  runId: string;
  runbookTitle: string;
  stepTitle: string;
  outcome: string;
  actorName: string | null;
  at: Date;
  note: string | null;
};

export type DraftFacts = {
  incident: DraftIncident;
  /** From the incident's `severity_changed` events, oldest first. */
  severityChanges: Array<{ at: Date; from: number; to: number }>;
  hosts: Array<{ name: string; groups: string[] }>;
  components: string[];
  timeline: DraftTimelineEntry[];
  findings: DraftFinding[];
  arrays: DraftArray[];
  runbookSteps: DraftRunbookStep[];
};

export type PostmortemTimelineItem = {
  key: string;
  at: string;
  source: "human" | "lifecycle" | "machine";
  kind: string;
  actor: string | null;
  text: string;
};

export type PostmortemEvidence = {
  window: { from: string; to: string | null };
  severityMinutes: Array<{ severity: number; minutes: number }>;
  hosts: string[];
  components: string[];
  findings: Array<Omit<DraftFinding, "firstSeenAt" | "resolvedAt"> & { firstSeenAt: string }>;
  arrays: Array<{
    hostName: string;
    capturedAt: string;
    device: string;
    level: string | null;
    uuid: string | null;
    raidDevices: number | null;
    members: Array<{
      slot: number | null;
      role: string | null;
      device: string;
      serial: string | null;
    }>;
  }>;
  runbookSteps: Array<Omit<DraftRunbookStep, "at"> & { at: string }>;
};

export type PostmortemDraft = {
  title: string;
  sections: PostmortemSections;
  timeline: PostmortemTimelineItem[];
  evidence: PostmortemEvidence;
};
