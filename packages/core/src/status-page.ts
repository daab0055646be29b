import { z } from "zod";

/** A status-page component's state, best first: the order is what "worst" means. */
export const COMPONENT_STATUSES = [
  "operational",
  "degraded",
  "partial_outage",
  "major_outage",
] as const;
export const ComponentStatusSchema = z.enum(COMPONENT_STATUSES);
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;

/** What an incident of this severity does to the components it touches. */
export type IncidentImpact = Exclude<ComponentStatus, "operational">;

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
};

/** SEV1 is a major outage, SEV2 a partial one; SEV3 and SEV4 only degrade. */
export function impactOfSeverity(severity: number): IncidentImpact {
  if (severity <= 1) return "major_outage";
  if (severity === 2) return "partial_outage";
  return "degraded";
}

export function worstComponentStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const status of statuses) {
    if (COMPONENT_STATUSES.indexOf(status) > COMPONENT_STATUSES.indexOf(worst)) worst = status;
  }
  return worst;
}

/** Inventory groups are free text, but forms split lists on commas and spaces. */
const hostGroup = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s,]+$/, "A group name has no spaces or commas");

const componentName = z.string().trim().min(1, "Give the component a name").max(80);
const componentDescription = z.string().trim().max(300);
const componentGroups = z.array(hostGroup).max(50);

export const StatusComponentFieldsSchema = z.object({
  name: componentName,
  description: componentDescription.default(""),
  hostGroups: componentGroups.default([]),
});
export type StatusComponentFields = z.infer<typeof StatusComponentFieldsSchema>;

/** An edit names only what changes; no defaults, so an omitted field is left alone. */
export const StatusComponentEditSchema = z.object({
  name: componentName.optional(),
  description: componentDescription.optional(),
  hostGroups: componentGroups.optional(),
});
export type StatusComponentEdit = z.infer<typeof StatusComponentEditSchema>;

export const SeverityDefinitionInputSchema = z.object({
  level: z.number().int().min(1).max(4),
  name: z.string().trim().min(1, "Give the severity a name").max(40),
  description: z.string().trim().min(1, "Say what the severity means").max(500),
});
export type SeverityDefinitionInput = z.infer<typeof SeverityDefinitionInputSchema>;

/** An open incident as the status page sees it: how bad, and which host groups it touches. */
export type GroupedIncident = { severity: number; groups: ReadonlySet<string> };

function touches(componentGroups: readonly string[], groups: ReadonlySet<string>): boolean {
  return componentGroups.some((group) => groups.has(group));
}

/** The worst impact among the open public incidents on any host of the component's groups. */
export function derivedComponentStatus(
  componentGroups: readonly string[],
  openIncidents: readonly GroupedIncident[],
): ComponentStatus {
  return worstComponentStatus(
    openIncidents
      .filter((incident) => touches(componentGroups, incident.groups))
      .map((incident) => impactOfSeverity(incident.severity)),
  );
}

/** The names of the components an incident's host groups fall in, in the page's order. */
export function affectedComponentNames(
  components: ReadonlyArray<{ name: string; hostGroups: readonly string[] }>,
  groups: ReadonlySet<string>,
): string[] {
  return components.filter((c) => touches(c.hostGroups, groups)).map((c) => c.name);
}

const isNameChar = (c: string | undefined) => c !== undefined && /[a-z0-9_-]/.test(c);

/** Whether `text` mentions `name` on its own, not as part of a longer word; case-insensitive. */
export function mentions(text: string, name: string): boolean {
  const haystack = text.toLowerCase();
  const needle = name.trim().toLowerCase();
  if (!needle) return false;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    if (!isNameChar(haystack[at - 1]) && !isNameChar(haystack[at + needle.length])) return true;
  }
  return false;
}

/**
 * The title the public sees. Titles are written for responders, and one declared from a finding
 * reads "<host>: <finding title>"; when a title names a host or a linked finding, the public gets
 * the impact and the components instead.
 */
export function publicIncidentTitle(
  incident: { title: string; impact: IncidentImpact; components: readonly string[] },
  internalNames: Iterable<string>,
): string {
  for (const name of internalNames) {
    if (mentions(incident.title, name)) {
      const impact = COMPONENT_STATUS_LABELS[incident.impact];
      return incident.components.length ? `${impact}: ${incident.components.join(", ")}` : impact;
    }
  }
  return incident.title;
}
