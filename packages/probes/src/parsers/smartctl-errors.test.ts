import type { ParseError } from "@holmes/core";
import { describe, expect, it } from "vitest";
import { ownFixture } from "../testing/fixtures";
import { decodeSmartctlExitStatus, parseSmartctl } from "./smartctl";

function failureOf(text: string): ParseError {
  const result = parseSmartctl(text);
  if (result.ok) expect.fail("expected a parse failure");
  return result.error;
}

const NO_EXIT_BITS = decodeSmartctlExitStatus(0);

describe("decodeSmartctlExitStatus", () => {
  it.each([
    [1, "hasCommandLineError"],
    [2, "hasDeviceOpenFailed"],
    [4, "hasSmartCommandFailed"],
    [8, "isDiskFailing"],
    [16, "hasPrefailAtOrBelowThreshold"],
    [32, "hasAttributesBelowThresholdInPast"],
    [64, "hasErrorLogErrors"],
    [128, "hasSelfTestLogErrors"],
  ] as const)("bit value %i is %s alone", (value, name) => {
    expect(decodeSmartctlExitStatus(value)).toEqual({ ...NO_EXIT_BITS, raw: value, [name]: true });
  });

  it("decodes every bit of 255", () => {
    const all = decodeSmartctlExitStatus(255);
    expect(Object.entries(all).filter(([, bit]) => bit === false)).toEqual([]);
  });
});

const MINIMAL =
  '{"smartctl": {"exit_status": 0}, "device": {"name": "/dev/sda", "protocol": "ATA"}';

describe("parseSmartctl on malformed input", () => {
  it.each([
    ["a wrong type", `${MINIMAL}, "smart_status": {"passed": "yes"}}`, "smart_status.passed"],
    ["no exit status", '{"device": {"name": "/dev/sda"}}', "smartctl.exit_status"],
    ["a negative exit status", '{"smartctl": {"exit_status": -1}}', "smartctl.exit_status"],
    ["no device with exit 0", '{"smartctl": {"exit_status": 0}}', "device"],
    ["an array document", "[]", "(document)"],
    [
      "a version with text",
      '{"smartctl": {"exit_status": 2, "version": [7, "x"]}}',
      "smartctl.version",
    ],
    [
      "an unknown when_failed",
      `${MINIMAL}, "ata_smart_attributes": {"table": [{"id": 5, "name": "R", "value": 1, "worst": 1, "when_failed": "soon", "raw": {"value": 0, "string": "0"}}]}}`,
      "ata_smart_attributes.table[0].when_failed",
    ],
    [
      "an attribute without raw value",
      `${MINIMAL}, "ata_smart_attributes": {"table": [{"id": 5, "name": "R", "value": 1, "worst": 1, "raw": {"string": "0"}}]}}`,
      "ata_smart_attributes.table[0].raw.value",
    ],
    ["a WWN id wider than 36 bits", `${MINIMAL}, "wwn": {"naa": 5, "oui": 1, "id": 1e12}}`, "wwn"],
    [
      "a message without text",
      '{"smartctl": {"exit_status": 2, "messages": [{}]}}',
      "smartctl.messages[0].string",
    ],
    [
      "a float temperature count",
      `${MINIMAL}, "power_on_time": {"hours": 1.5}}`,
      "power_on_time.hours",
    ],
  ])("names the field for %s", (_name, text, field) => {
    expect(failureOf(text).field).toBe(field);
  });

  it("names the line of a JSON syntax error (truncated capture)", () => {
    const text = ownFixture("smartctl-json/ata-hdd-failing-reallocated-pending.json").slice(0, 700);
    const error = failureOf(text);
    expect(error.expected).toBe("well-formed JSON");
    expect(error.line).toBe(text.split("\n").length);
  });

  it("rejects empty and non-JSON input (no byte offset from V8: the document is named)", () => {
    expect(failureOf("")).toMatchObject({ expected: "well-formed JSON", field: "(document)" });
    expect(failureOf("smartctl 7.3 2022-02-28 r5338").expected).toBe("well-formed JSON");
  });
});
