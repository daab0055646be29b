/** Where a run would start from: a finding (binds host and object), an incident, or neither. */
export type RunContext = { findingId: string | null; incidentId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function runContextOf(params: Record<string, string | string[] | undefined>): RunContext {
  const one = (value: string | string[] | undefined) =>
    typeof value === "string" && UUID.test(value) ? value : null;
  return { findingId: one(params.finding), incidentId: one(params.incident) };
}

/** The query string that carries the context on to the next page. */
export function runContextQuery(context: RunContext): string {
  const params = new URLSearchParams();
  if (context.findingId) params.set("finding", context.findingId);
  if (context.incidentId) params.set("incident", context.incidentId);
  const text = params.toString();
  return text ? `?${text}` : "";
}
