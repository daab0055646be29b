import {
  ACTION_TARGET_LABELS,
  cell,
  POSTMORTEM_SECTION_TITLES,
  POSTMORTEM_SECTIONS,
  type PostmortemTimelineItem,
} from "@holmes/core";
import type { PostmortemDetail } from "@holmes/db/queries/postmortem-read";

/** The post-mortem as one Markdown document: the sections in order, with the kept timeline. */
export function postmortemMarkdown(postmortem: PostmortemDetail): string {
  const kept = new Set(postmortem.keptTimelineKeys);
  const parts = [
    `# ${postmortem.title}`,
    [
      `- Incident: INC-${postmortem.incident.number} ${postmortem.incident.title}`,
      `- Status: ${postmortem.status.replace("_", " ")} (version ${postmortem.version})`,
      `- Author: ${postmortem.authorName ?? "unknown"}`,
      ...postmortem.approvals.map(
        (a) => `- Approved by ${a.approverName} at ${a.approvedAt.toISOString()}`,
      ),
    ].join("\n"),
  ];
  for (const section of POSTMORTEM_SECTIONS) {
    const body = postmortem.sections[section].trim();
    const extra =
      section === "timeline"
        ? timelineTable(postmortem.timeline.filter((item) => kept.has(item.key)))
        : section === "actionItems"
          ? actionItemsTable(postmortem.actionItems)
          : "";
    const text = [body, extra].filter((part) => part !== "").join("\n\n");
    parts.push(`## ${POSTMORTEM_SECTION_TITLES[section]}\n\n${text || "_Nothing written._"}`);
  }
  return `${parts.join("\n\n")}\n`;
}

export function timelineTable(items: PostmortemTimelineItem[]): string {
  if (items.length === 0) return "";
  return [
    "| Time (UTC) | Source | Who / host | What |",
    "| --- | --- | --- | --- |",
    ...items.map(
      (item) =>
        `| ${item.at.replace("T", " ").slice(0, 19)} | ${item.source} | ${cell(item.actor ?? "")} | ${cell(item.text)} |`,
    ),
  ].join("\n");
}

function actionItemsTable(items: PostmortemDetail["actionItems"]): string {
  if (items.length === 0) return "";
  return [
    "| Action | Owner | Due | Status | Hosts | Link |",
    "| --- | --- | --- | --- | --- | --- |",
    ...items.map((item) => {
      const target = item.targetKind
        ? `${ACTION_TARGET_LABELS[item.targetKind]} ${item.targetValue}: ${item.progress.done}/${item.progress.total}`
        : "";
      return `| ${cell(item.title)} | ${cell(item.ownerName ?? "")} | ${item.dueDate ?? ""} | ${item.status.replace("_", " ")} | ${cell(target)} | ${item.link ?? ""} |`;
    }),
  ].join("\n");
}

/** A download name that is safe on every file system. */
export function postmortemFileName(incidentNumber: number, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `INC-${incidentNumber}-${slug || "postmortem"}.md`;
}
