import { SmartReportSchema, SmartScanDeviceSchema } from "@holmes/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testEnv } from "../testing/env";
import {
  fixture,
  fixtureNames,
  hasSharedFixtures,
  ownFixture,
  ownFixtureNames,
} from "../testing/fixtures";
import { parseSmartctl, parseSmartctlScan } from "./smartctl";

// parseSmartctl: 100,000 generated inputs in CI (35k + 20k + 20k + 25k);
// parseSmartctlScan: 100,000 (30k + 20k + 50k). A twentieth locally.
const runs = (ci: number) => ({ numRuns: testEnv.isCi ? ci : Math.ceil(ci / 20) });
const TIMEOUT_MS = 120_000;

function corpus(folder: string): string[] {
  const own = ownFixtureNames(folder).map((name) => ownFixture(`${folder}/${name}`));
  const shared = hasSharedFixtures(`${folder} fuzz`)
    ? fixtureNames(folder).map((name) => fixture(`${folder}/${name}`))
    : [];
  return [...own, ...shared];
}

/** Keeps 2 entries of every array: the same shapes at a fifth of the size, so 5× the runs. */
function capArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, 2).map(capArrays);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, capArrays(item)]));
}

const reportDocs = corpus("smartctl-json").map((text): unknown => capArrays(JSON.parse(text)));
const scanDocs = corpus("smartctl-scan-json").map((text): unknown => JSON.parse(text));
// Pretty-printed like smartctl's own output, so line damage hits real line boundaries.
const reports = reportDocs.map((doc) => JSON.stringify(doc, null, 2));
const scans = scanDocs.map((doc) => JSON.stringify(doc, null, 2));

function isReportSound(text: string): boolean {
  const result = parseSmartctl(text);
  return !result.ok || SmartReportSchema.safeParse(result.value).success;
}

function isScanSound(text: string): boolean {
  const result = parseSmartctlScan(text);
  return !result.ok || result.value.every((d) => SmartScanDeviceSchema.safeParse(d).success);
}

/** Line-level damage a copy/paste or a broken pipe does to a capture. */
const lineMutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("crlf" as const) }),
  fc.record({
    kind: fc.constant("inject" as const),
    at: fc.nat(),
    line: fc.string({ maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant("shuffle" as const),
    swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    times: fc.integer({ min: 1, max: 3 }),
  }),
);

function mutateLines(
  text: string,
  m: typeof lineMutation extends fc.Arbitrary<infer T> ? T : never,
) {
  if (m.kind === "truncate") return text.slice(0, m.at % (text.length + 1));
  if (m.kind === "crlf") return text.replaceAll("\n", "\r\n");
  const lines = text.split("\n");
  if (m.kind === "inject") lines.splice(m.at % (lines.length + 1), 0, m.line);
  if (m.kind === "duplicate") {
    const i = m.at % lines.length;
    lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i] ?? ""));
  }
  if (m.kind === "shuffle") {
    for (const [a, b] of m.swaps) {
      const [i, j] = [a % lines.length, b % lines.length];
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
    }
  }
  return lines.join("\n");
}

/** Replaces (or deletes, for undefined) the value at a pseudo-random path, copying only that path. */
function replaceAt(node: unknown, picks: number[], depth: number, value: unknown): unknown {
  const pick = picks[depth];
  if (pick === undefined || typeof node !== "object" || node === null) return value;
  if (Array.isArray(node)) {
    if (node.length === 0) return value;
    const copy = node.slice();
    const i = pick % copy.length;
    const next = replaceAt(copy[i], picks, depth + 1, value);
    if (next === undefined) copy.splice(i, 1);
    else copy[i] = next;
    return copy;
  }
  const copy: Record<string, unknown> = { ...node };
  const keys = Object.keys(copy);
  const key = keys[pick % Math.max(keys.length, 1)];
  if (key === undefined) return value;
  const next = replaceAt(copy[key], picks, depth + 1, value);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, null, "", "0", "1", -1, 1.5, 2 ** 53 + 2, 1e308, true, [], {}),
);
// The top-level keys the parser reads, so random documents get past the first checks.
const KNOWN_KEYS = [
  "device",
  "model_name",
  "scsi_model_name",
  "scsi_vendor",
  "scsi_product",
  "serial_number",
  "wwn",
  "logical_unit_id",
  "firmware_version",
  "user_capacity",
  "nvme_total_capacity",
  "rotation_rate",
  "smart_support",
  "smart_status",
  "temperature",
  "power_on_time",
  "power_cycle_count",
  "ata_smart_attributes",
  "ata_smart_self_test_log",
  "ata_smart_error_log",
  "nvme_smart_health_information_log",
  "nvme_self_test_log",
  "scsi_grown_defect_list",
  "scsi_error_counter_log",
  "scsi_start_stop_cycle_counter",
];
const shapedDoc = fc
  .tuple(
    fc.record({
      exit_status: fc.oneof(fc.nat(255), replacement),
      messages: fc.array(fc.record({ string: fc.oneof(fc.string(), replacement) })),
    }),
    fc.dictionary(fc.constantFrom(...KNOWN_KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
    fc.constantFrom("ATA", "NVMe", "SCSI", "USB"),
  )
  .map(([smartctl, rest, protocol]) =>
    JSON.stringify({ smartctl, device: { name: "/dev/sda", protocol }, ...rest }),
  );

const valueMutation = fc.record({
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
  value: replacement,
});

describe("parseSmartctl under fuzzing", () => {
  it("never throws on arbitrary text", { timeout: TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), isReportSound),
      runs(35_000),
    );
  });

  it("never throws on random documents with smartctl's keys", { timeout: TIMEOUT_MS }, () => {
    fc.assert(fc.property(shapedDoc, isReportSound), runs(20_000));
  });

  it("survives damaged captures (truncated, CRLF, injected, shuffled, duplicated lines)", {
    timeout: TIMEOUT_MS,
  }, () => {
    const damaged = fc
      .tuple(fc.constantFrom(...reports), lineMutation)
      .map(([text, m]) => mutateLines(text, m));
    fc.assert(fc.property(damaged, isReportSound), runs(20_000));
  });

  it("never returns an off-schema report when a value changes type or disappears", {
    timeout: TIMEOUT_MS,
  }, () => {
    const mutated = fc
      .tuple(fc.constantFrom(...reportDocs), valueMutation)
      .map(([doc, m]) => JSON.stringify(replaceAt(doc, m.picks, 0, m.value)) ?? "");
    fc.assert(fc.property(mutated, isReportSound), runs(25_000));
  });

  it("reads every capture identically with CRLF line endings", () => {
    for (const text of reports) {
      expect(parseSmartctl(text.replaceAll("\n", "\r\n"))).toEqual(parseSmartctl(text));
    }
  });
});

describe("parseSmartctlScan under fuzzing", () => {
  it("never throws on arbitrary text", { timeout: TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), isScanSound),
      runs(30_000),
    );
  });

  it("survives damaged captures", { timeout: TIMEOUT_MS }, () => {
    const damaged = fc
      .tuple(fc.constantFrom(...scans), lineMutation)
      .map(([text, m]) => mutateLines(text, m));
    fc.assert(fc.property(damaged, isScanSound), runs(20_000));
  });

  it("never returns an off-schema device when a value changes type or disappears", {
    timeout: TIMEOUT_MS,
  }, () => {
    const mutated = fc
      .tuple(fc.constantFrom(...scanDocs), valueMutation)
      .map(([doc, m]) => JSON.stringify(replaceAt(doc, m.picks, 0, m.value)) ?? "");
    fc.assert(fc.property(mutated, isScanSound), runs(50_000));
  });
});
