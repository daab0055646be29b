import { SmartReportSchema, SmartScanDeviceSchema } from "@holmes/core";
import fc from "fast-check";
import { z } from "zod";
import { describeParserFuzz, loadCorpus, oddJsonValue } from "../testing/fuzz";
import { parseSmartctl, parseSmartctlScan } from "./smartctl";

/** Keeps 2 entries of every array: the same shapes at a fifth of the size, so 5× the runs. */
function capArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, 2).map(capArrays);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, capArrays(item)]));
}

const reportDocs = loadCorpus("smartctl-json").map((text): unknown => capArrays(JSON.parse(text)));
const scanDocs = loadCorpus("smartctl-scan-json").map((text): unknown => JSON.parse(text));
// Pretty-printed like smartctl's own output, so line damage hits real line boundaries.
const reports = reportDocs.map((doc) => JSON.stringify(doc, null, 2));
const scans = scanDocs.map((doc) => JSON.stringify(doc, null, 2));

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
      exit_status: fc.oneof(fc.nat(255), oddJsonValue),
      messages: fc.array(fc.record({ string: fc.oneof(fc.string(), oddJsonValue) })),
    }),
    fc.dictionary(fc.constantFrom(...KNOWN_KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
    fc.constantFrom("ATA", "NVMe", "SCSI", "USB"),
  )
  .map(([smartctl, rest, protocol]) =>
    JSON.stringify({ smartctl, device: { name: "/dev/sda", protocol }, ...rest }),
  );

// parseSmartctl: 105,000 generated inputs in CI (35k + 20k + 20k + 25k + 5k);
// parseSmartctlScan: 105,000 (30k + 20k + 50k + 5k). A twentieth locally.
describeParserFuzz(
  "parseSmartctl fuzz",
  { parse: parseSmartctl, schema: SmartReportSchema, corpus: reports },
  (fuzz) => {
    fuzz.survivesAnyText(35_000);
    fuzz.survives("survives random documents with smartctl's keys", shapedDoc, 20_000);
    fuzz.survivesDamage(20_000);
    fuzz.survivesJsonDamage(25_000, reportDocs);
    fuzz.readsCrlfLikeLf(5_000, { trailingWhitespace: true });
  },
);

describeParserFuzz(
  "parseSmartctlScan fuzz",
  { parse: parseSmartctlScan, schema: z.array(SmartScanDeviceSchema), corpus: scans },
  (fuzz) => {
    fuzz.survivesAnyText(30_000);
    fuzz.survivesDamage(20_000);
    fuzz.survivesJsonDamage(50_000, scanDocs);
    fuzz.readsCrlfLikeLf(5_000, { trailingWhitespace: true });
  },
);
