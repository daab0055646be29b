import type { Database } from "@holmes/db/client";
import { reconcileFindings } from "@holmes/db/queries/findings";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { declareIncident, postIncidentUpdate } from "@holmes/db/queries/incidents";
import { createComponent, setComponentManualStatus } from "@holmes/db/queries/status-components";
import { findings } from "@holmes/db/schema";
import { eq } from "drizzle-orm";

/** Strings that must never reach the public pages; each is unique enough to grep for. */
export const SECRETS = {
  hostName: "zz-leaky-host-7431",
  findingTitle: "ZZ-FINDING md9 lost sdq3 (serial ZZSERIAL99)",
  internalMarker: "ZZ-INTERNAL-MARKER",
  internalTitle: "ZZ-SECRET-INCIDENT-TITLE",
} as const;

export const REPLACING_UPDATE = "We are replacing a failed disk in one file server.";
export const PUBLIC_UPDATE = "Some file shares are slow; writes may time out. We are on it.";
/** Markup and a terminal colour code: must be escaped in HTML and in the feed, never run. */
export const TRICKY_UPDATE =
  'Backups resumed <script>alert("x")</script> & "all" is well \u001b[32mOK\u001b[0m';

export type Seeded = { slowNumber: number; slowId: string; secretNumber: number };

let keys = 0;
const key = () => `e2e-status-${++keys}-${Date.now()}`;

/** One open public SEV2 on a host in "nfs-edge", one resolved SEV3, one internal-only SEV1. */
export async function seedStatusPage(db: Database, responderId: string): Promise<Seeded> {
  const now = new Date();
  await addHosts(db, [{ name: SECRETS.hostName, address: "192.0.2.77", groups: ["nfs-edge"] }]);
  const [host] = await listPollTargets(db, [SECRETS.hostName]);
  if (!host) throw new Error("seed host missing");
  await reconcileFindings(
    db,
    host.id,
    [
      {
        ruleId: "md.member_failed",
        severity: "critical",
        objectKind: "member",
        objectName: "md9/sdq3",
        title: SECRETS.findingTitle,
        explanation: "",
        evidence: { values: {}, lines: [] },
        runbookId: null,
      },
    ],
    now,
  );
  const [finding] = await db
    .select({ id: findings.id })
    .from(findings)
    .where(eq(findings.hostId, host.id));
  const storage = { description: "NFS home and project shares", hostGroups: ["nfs-edge"] };
  await createComponent(db, { name: "File storage", ...storage }, responderId, now);
  await createComponent(
    db,
    { name: "Databases", description: "", hostGroups: ["db"] },
    responderId,
    now,
  );
  const backups = await createComponent(
    db,
    { name: "Backups", description: "Nightly off-site copies", hostGroups: ["backup"] },
    responderId,
    now,
  );
  await setComponentManualStatus(db, backups.id, "degraded", responderId, now);

  const declare = (title: string, severity: number) =>
    declareIncident(
      db,
      {
        title,
        severity,
        hostIds: [host.id],
        findingIds: finding ? [finding.id] : [],
        summary: `${SECRETS.internalMarker} declared on ${SECRETS.hostName}`,
      },
      responderId,
      now,
    );
  const post = (
    incidentId: string,
    audience: "internal" | "public",
    body: string,
    statusChange?: "identified" | "resolved",
  ) =>
    postIncidentUpdate(
      db,
      { incidentId, audience, body, statusChange, idempotencyKey: key() },
      responderId,
      now,
    );

  // Titled the way "declare from finding" pre-fills it: host and finding must not leak through it.
  const fromFinding = await declare(`${SECRETS.hostName}: ${SECRETS.findingTitle}`, 2);
  await post(fromFinding.id, "public", REPLACING_UPDATE);
  const done = await declare("Backups ran late", 3);
  await post(done.id, "public", TRICKY_UPDATE, "resolved");
  const slow = await declare("File shares are slow", 2);
  await post(slow.id, "public", PUBLIC_UPDATE, "identified");
  await post(
    slow.id,
    "internal",
    `${SECRETS.internalMarker}: md9 on ${SECRETS.hostName} lost sdq3`,
  );
  const secret = await declare(SECRETS.internalTitle, 1);
  await post(secret.id, "internal", `${SECRETS.internalMarker} only internal`);
  return { slowNumber: slow.number, slowId: slow.id, secretNumber: secret.number };
}
