import { sql } from "drizzle-orm";
import type { Database } from "../client";

/** What two incidents can have in common, and how much each says about being alike. */
export const SIMILARITY_WEIGHTS = { rule: 3, host: 2, firmware: 2, model: 1 } as const;
export type SimilarityKind = keyof typeof SIMILARITY_WEIGHTS;

type SharedRow = {
  incident_id: string;
  number: number;
  title: string;
  status: string;
  started_at: Date | string;
  kind: SimilarityKind;
  value: string;
};

/**
 * Incidents that share something with this one: a finding rule raised on their hosts during the
 * incident, a host, a disk model, or a model at a firmware revision. Ranked by the weighted
 * count of what they share, each with the reasons shown.
 */
export async function similarIncidents(db: Database, incidentId: string, limit: number) {
  const rows = await db.execute<SharedRow>(sql`
    with features as (
      select ih.incident_id, 'host' as kind, h.name as value
        from incident_hosts ih join hosts h on h.id = ih.host_id
      union
      select i.id, 'rule', f.rule_id
        from incidents i
        join incident_hosts ih on ih.incident_id = i.id
        join findings f on f.host_id = ih.host_id
         and f.first_seen_at <= coalesce(i.resolved_at, now())
         and (f.resolved_at is null or f.resolved_at >= i.started_at - interval '1 hour')
      union
      select incf.incident_id, 'rule', f.rule_id
        from incident_findings incf join findings f on f.id = incf.finding_id
      union
      select ih.incident_id, 'model', d.model
        from incident_hosts ih join disks d on d.host_id = ih.host_id
       where d.model is not null
      union
      select ih.incident_id, 'firmware', d.model || ' firmware ' || d.firmware
        from incident_hosts ih join disks d on d.host_id = ih.host_id
       where d.model is not null and d.firmware is not null
    )
    select distinct other.incident_id, i.number, i.title, i.status, i.started_at, other.kind, other.value
      from features mine
      join features other
        on other.kind = mine.kind and other.value = mine.value and other.incident_id <> mine.incident_id
      join incidents i on i.id = other.incident_id
     where mine.incident_id = ${incidentId}
  `);
  return rankSimilar([...rows], limit);
}

/** Groups shared features per incident, scores them, and words the reasons. Exported for tests. */
export function rankSimilar(rows: SharedRow[], limit: number) {
  const byIncident = new Map<
    string,
    {
      id: string;
      number: number;
      title: string;
      status: string;
      startedAt: Date;
      shared: Map<SimilarityKind, string[]>;
    }
  >();
  for (const row of rows) {
    const entry = byIncident.get(row.incident_id) ?? {
      id: row.incident_id,
      number: Number(row.number),
      title: row.title,
      status: row.status,
      startedAt: new Date(row.started_at),
      shared: new Map(),
    };
    entry.shared.set(row.kind, [...(entry.shared.get(row.kind) ?? []), row.value]);
    byIncident.set(row.incident_id, entry);
  }
  return [...byIncident.values()]
    .map(({ shared, ...incident }) => {
      const score = [...shared].reduce(
        (sum, [kind, values]) => sum + SIMILARITY_WEIGHTS[kind] * values.length,
        0,
      );
      return { ...incident, score, reasons: reasonsOf(shared) };
    })
    .sort((a, b) => b.score - a.score || b.startedAt.getTime() - a.startedAt.getTime())
    .slice(0, limit);
}

const REASON_PREFIX: Record<SimilarityKind, string> = {
  rule: "same finding rule",
  host: "same host",
  firmware: "same disk firmware",
  model: "same disk model",
};

function reasonsOf(shared: Map<SimilarityKind, string[]>): string[] {
  return (Object.keys(SIMILARITY_WEIGHTS) as SimilarityKind[]).flatMap((kind) => {
    const values = [...new Set(shared.get(kind) ?? [])].sort();
    return values.length > 0 ? [`${REASON_PREFIX[kind]}: ${values.join(", ")}`] : [];
  });
}
