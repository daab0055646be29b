import { createHash } from "node:crypto";
import type { EvidenceCaptureWrite } from "../queries/evidence-capture";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A poll's evidence capture of one host, as the collector would hand it to writeEvidenceCapture:
 * one version per item (its kind is the key's prefix; empty content is an absent item).
 */
export function evidenceWrite(
  hostId: string,
  contents: Record<string, string>,
  capturedAt: Date,
  options: { isDue?: boolean } = {},
): EvidenceCaptureWrite {
  return {
    hostId,
    probeRunId: null,
    reason: "poll",
    capturedAt,
    itemCount: Object.keys(contents).length,
    versions: Object.entries(contents).map(([itemKey, content]) => ({
      itemKey,
      kind: itemKey.split(":")[0] ?? itemKey,
      label: itemKey,
      source: "test",
      content,
      sha256: sha(content),
      fingerprint: sha(content),
      isAbsent: content === "",
      summary: null,
    })),
    alerts: [],
    resolves: [],
    isDue: options.isDue ?? false,
    hasPendingRequest: false,
  };
}
