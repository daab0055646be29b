/*
 * Column values of `pvs`/`vgs`/`lvs --reportformat json`: every value is a string ("json"), or a
 * number for numeric columns ("json_std", LVM >= 2.03.17). Sizes are bytes with
 * `--units b --nosuffix` ("10737418240"), else carry a unit: "<931.51g" (binary, "<" = rounded
 * down), "1.00T" (SI), "34359738368B". Empty strings mean "no value" (no pool, no origin).
 * Attribute letters: lvs(8) / vgs(8) / pvs(8), "lv_attr" etc.
 */
import type { JsonFieldReader, JsonObject } from "./json-fields";

const SIZE = /^([<>])?(\d+(?:\.\d+)?)([bBsSkKmMgGtTpPeE])?$/;
// Lower case units are powers of 1024, upper case powers of 1000; b/B bytes, s/S 512-byte sectors.
const UNIT_BYTES: Readonly<Record<string, number>> = {
  b: 1,
  B: 1,
  s: 512,
  S: 512,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
  e: 1024 ** 6,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Reads LVM report columns of one row; remembers whether any size had to be rounded. */
export class LvmRowReader {
  hasApproximateSizes = false;

  constructor(readonly r: JsonFieldReader) {}

  text(row: JsonObject, key: string, path: string): string | null {
    const value = this.r.value(row, key);
    if (value === null) return null;
    if (typeof value === "number") return String(value);
    if (typeof value !== "string") return this.r.fail(this.r.path(path, key), "a string", value);
    const trimmed = value.trim();
    return trimmed === "" ? null : trimmed;
  }

  /** Like text(), but "" stays "": for lv_health_status, "" is the healthy value. */
  rawText(row: JsonObject, key: string, path: string): string | null {
    const value = this.r.value(row, key);
    if (typeof value === "string") return value.trim();
    return this.text(row, key, path);
  }

  /** An LV or VG name as lvs prints it; hidden LVs come in [brackets]. */
  name(row: JsonObject, key: string, path: string): string | null {
    const value = this.text(row, key, path);
    return value === null ? null : stripBrackets(value);
  }

  size(row: JsonObject, key: string, path: string): number | null {
    const value = this.r.value(row, key);
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
    const text = typeof value === "string" ? value.trim() : value;
    if (text === null || text === "") return null;
    const match = typeof text === "string" ? SIZE.exec(text) : null;
    const bytes =
      match === null ? Number.NaN : Number(match[2]) * (UNIT_BYTES[match[3] ?? "b"] ?? 1);
    if (match === null || !Number.isFinite(bytes)) {
      return this.r.fail(this.r.path(path, key), "a size (bytes, or a number with a unit)", value);
    }
    const unit = match[3] ?? "b";
    if (match[1] !== undefined || !/^[bBsS]$/.test(unit) || !Number.isSafeInteger(bytes)) {
      this.hasApproximateSizes = true;
    }
    return Math.round(bytes);
  }

  count(row: JsonObject, key: string, path: string): number | null {
    const value = this.r.value(row, key);
    const text = typeof value === "string" ? value.trim() : value;
    if (text === null || text === "") return null;
    const number = typeof text === "string" && /^\d+$/.test(text) ? Number(text) : text;
    if (typeof number === "number" && Number.isSafeInteger(number) && number >= 0) return number;
    return this.r.fail(this.r.path(path, key), "a non-negative integer", value);
  }

  percent(row: JsonObject, key: string, path: string): number | null {
    const value = this.r.value(row, key);
    const text = typeof value === "string" ? value.trim() : value;
    if (text === null || text === "") return null;
    const number = typeof text === "string" && /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
    if (typeof number === "number" && Number.isFinite(number) && number >= 0) return number;
    return this.r.fail(this.r.path(path, key), "a percentage", value);
  }
}

export function stripBrackets(name: string): string {
  return name.startsWith("[") && name.endsWith("]") ? name.slice(1, -1) : name;
}

/** One attribute letter: true when it is `letter`, null when the attr string is unknown. */
export function attrIs(attr: string | null, index: number, letter: string): boolean | null {
  if (attr === null || attr.length <= index) return null;
  return attr[index] === letter;
}

const LV_HEALTH: Readonly<Record<string, string>> = {
  p: "partial",
  X: "unknown",
  r: "refresh-needed",
  m: "mismatches",
  w: "writemostly",
  R: "remove-after-reshape",
  F: "failed",
  D: "out-of-data-space",
  M: "metadata-read-only",
  E: "error",
};

/** lv_attr[8], volume health; null when healthy ("-") or not reported. */
export function lvVolumeHealth(attr: string | null): string | null {
  const letter = attr?.[8];
  if (letter === undefined || letter === "-") return null;
  return LV_HEALTH[letter] ?? letter;
}

/**
 * "/dev/sda2(0),/dev/sdb1(1280)" → paths with their first physical extent. A missing PV shows as
 * "[unknown](20000)" and keeps its brackets: that marker is the point.
 */
export function parseLvDevices(
  text: string | null,
): { path: string; startExtent: number | null }[] {
  if (text === null) return [];
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      const match = /^(.*)\((\d+)\)$/.exec(item);
      const start = match?.[2] === undefined ? null : Number(match[2]);
      return {
        path: match?.[1] ?? item,
        startExtent: start !== null && Number.isSafeInteger(start) ? start : null,
      };
    });
}
