import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../client";
import { findings, hosts, incidents, users } from "../schema";

/** INC-<number> → id, for URLs people read out on a call. */
export async function incidentIdByNumber(db: Database, number: number): Promise<string | null> {
  const [row] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.number, number));
  return row?.id ?? null;
}

/** What declaring from a finding pre-fills: its host, title and the facts severity depends on. */
export async function findingForDeclare(db: Database, findingId: string) {
  const [row] = await db
    .select({
      id: findings.id,
      ruleId: findings.ruleId,
      severity: findings.severity,
      title: findings.title,
      explanation: findings.explanation,
      state: findings.state,
      hostId: hosts.id,
      hostName: hosts.name,
    })
    .from(findings)
    .innerJoin(hosts, eq(hosts.id, findings.hostId))
    .where(eq(findings.id, findingId));
  return row ?? null;
}

/** People who can hold an incident role: enabled responders and admins. */
export async function listAssignableUsers(db: Database) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ["responder", "admin"]), eq(users.banned, false)))
    .orderBy(users.name);
}
