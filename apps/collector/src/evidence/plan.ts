import type { EvidenceKind } from "@holmes/core";
import type { EvidenceHead, NewEvidenceVersion } from "@holmes/db/queries/evidence-capture";
import { sha256Hex } from "./hash";
import type { EvidenceFamily, EvidenceItems } from "./items";

const DAY_MS = 86_400_000;
const EMPTY_SHA256 = sha256Hex("");

export type PlannedVersion = NewEvidenceVersion & { previous: EvidenceHead | null };

export type CapturePlan = {
  versions: PlannedVersion[];
  /** A day since the last recorded capture: record one even if nothing changed. */
  isDue: boolean;
};

const FAMILY_OF_KIND: Partial<Record<EvidenceKind, EvidenceFamily>> = {
  "md-map": "md",
  "mdadm-detail": "md",
  "mdadm-examine": "md",
  "lvm-metadata": "lvm",
  "partition-table": "partition",
};

const kindOfKey = (itemKey: string) => itemKey.split(":")[0] as EvidenceKind;

/**
 * What to store, decided in memory against the heads: a new version when an item is new, came
 * back, or its fingerprint changed; the raw text again when only volatile fields moved and the
 * head is a day old (or a capture was asked for); an empty "absent" version when an item of a
 * family this poll saw completely is gone. Everything else costs nothing but a hash.
 */
export function planCapture(input: {
  items: EvidenceItems;
  heads: ReadonlyMap<string, EvidenceHead>;
  observedAt: Date;
  lastCaptureAt: Date | null;
  isRequested: boolean;
}): CapturePlan {
  const now = input.observedAt.getTime();
  const versions: PlannedVersion[] = [];
  const present = new Set<string>();
  for (const item of input.items.items) {
    present.add(item.itemKey);
    const sha256 = sha256Hex(item.content);
    // A raw item's fingerprint is its whole text: one hash serves both.
    const fingerprint =
      item.fingerprintText === item.content ? sha256 : sha256Hex(item.fingerprintText);
    const head = input.heads.get(item.itemKey) ?? null;
    const isChanged = !head || head.isAbsent || head.fingerprint !== fingerprint;
    const isRefresh =
      head !== null &&
      head.sha256 !== sha256 &&
      (input.isRequested || now - head.capturedAt.getTime() >= DAY_MS);
    if (!isChanged && !isRefresh) continue;
    const { family: _family, fingerprintText: _text, ...stored } = item;
    versions.push({ ...stored, sha256, fingerprint, isAbsent: false, previous: head });
  }
  for (const head of input.heads.values()) {
    const family = FAMILY_OF_KIND[kindOfKey(head.itemKey)];
    if (head.isAbsent || present.has(head.itemKey)) continue;
    if (!family || !input.items.judged.has(family)) continue;
    versions.push(absentVersion(head));
  }
  const isDue = input.lastCaptureAt === null || now - input.lastCaptureAt.getTime() >= DAY_MS;
  return { versions, isDue };
}

function absentVersion(head: EvidenceHead): PlannedVersion {
  return {
    itemKey: head.itemKey,
    kind: kindOfKey(head.itemKey),
    label: head.itemKey,
    source: "not found on the host",
    content: "",
    sha256: EMPTY_SHA256,
    fingerprint: EMPTY_SHA256,
    isAbsent: true,
    summary: null,
    previous: head,
  };
}
