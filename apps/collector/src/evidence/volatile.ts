/**
 * Fields that change on every write to an array: a busy array's superblocks change their update
 * time, event count and checksum many times a minute, and flip between clean and active. Versions
 * are compared without them (the fingerprint), so a busy array does not store a version per poll;
 * the raw text with them is still what is stored, refreshed at least daily.
 */
const EXAMINE_VOLATILE = [
  "Update Time",
  "Checksum",
  "Events",
  "State",
  "Recovery Offset",
  "Reshape pos'n",
];
const DETAIL_VOLATILE = [
  "Update Time",
  "Events",
  "State",
  "Rebuild Status",
  "Resync Status",
  "Reshape Status",
  "Check Status",
];

function withoutFields(text: string, fields: readonly string[]): string {
  return text
    .split("\n")
    .filter((line) => {
      const key = line.split(" : ")[0]?.trim();
      return key === undefined || !fields.includes(key);
    })
    .join("\n");
}

export const examineFingerprintText = (text: string) => withoutFields(text, EXAMINE_VOLATILE);
export const detailFingerprintText = (text: string) => withoutFields(text, DETAIL_VOLATILE);
