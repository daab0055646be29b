import { AppError, EVIDENCE_KINDS, type EvidenceKind } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { listEvidence } from "@holmes/db/queries/evidence-read";
import { hostIdByName } from "@holmes/db/queries/evidence-requests";

type Listing = Awaited<ReturnType<typeof listEvidence>>;
type VersionRow = Listing["versions"][number];

export type EvidenceItemView = {
  itemKey: string;
  kind: string;
  /** The label of its newest version with content. */
  label: string;
  /** False when the newest capture found it gone from the host. */
  isPresent: boolean;
  versions: Array<Omit<VersionRow, "itemKey" | "kind" | "rank">>;
};

const kindRank = (kind: string) => {
  const rank = EVIDENCE_KINDS.indexOf(kind as EvidenceKind);
  return rank === -1 ? EVIDENCE_KINDS.length : rank;
};

export async function resolveHost(db: Database, name: string) {
  const id = await hostIdByName(db, name);
  if (!id) throw new AppError("NOT_FOUND", { userMessage: `No host named ${name}` });
  return { id, name };
}

/** A host's vault for its evidence page: items (in recovery order) with their newest versions. */
export async function evidenceView(db: Database, hostName: string) {
  const host = await resolveHost(db, hostName);
  const listing = await listEvidence(db, host.id);
  const byItem = new Map<string, VersionRow[]>();
  for (const version of listing.versions) {
    byItem.set(version.itemKey, [...(byItem.get(version.itemKey) ?? []), version]);
  }
  const items: EvidenceItemView[] = [...byItem.entries()].map(([itemKey, versions]) => {
    const labelled = versions.find((v) => !v.isAbsent) ?? versions[0];
    return {
      itemKey,
      kind: versions[0]?.kind ?? "",
      label: labelled?.label ?? itemKey,
      isPresent: !versions[0]?.isAbsent,
      versions: versions.map(({ itemKey: _key, kind: _kind, rank: _rank, ...rest }) => rest),
    };
  });
  items.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.label.localeCompare(b.label));
  return {
    host,
    items,
    alerts: listing.alerts,
    captures: listing.captures,
    pendingRequest: listing.pendingRequests[0]?.reason ?? null,
  };
}
