/*
 * LVM2 text metadata, as `vgcfgbackup` writes it (/etc/lvm/backup/<vg>, /etc/lvm/archive/*.vg):
 *
 *   contents = "Text Format Volume Group"
 *   version = 1
 *   creation_time = 1700000000	# Tue Nov 14 22:13:20 2023
 *   vg0 { id = "…"  seqno = 7  extent_size = 8192  physical_volumes { pv0 { id = "…"
 *         device = "/dev/md1"	# Hint only …  } }  logical_volumes { root { segment_count = 1
 *         segment1 { start_extent = 0  extent_count = 7680  type = "striped"  stripes = ["pv0", 0] } } } }
 *
 * Source: LVM2 lib/format_text/export.c and import_vsn1.c; seen from LVM 2.02.98 to 2.03.2x.
 * Sizes are in 512-byte sectors, extents in units of extent_size. On-disk metadata (pvck --dump)
 * puts the VG section first and the header keys last; the order does not matter here.
 */
import type {
  ParseError,
  ParseResult,
  VgMetadata,
  VgMetadataLv,
  VgMetadataPv,
  VgMetadataSegment,
  VgMetadataStripe,
} from "@holmes/core";
import { parseFailure } from "@holmes/core";
import { type ConfigScalar, type ConfigSection, parseLvmConfig } from "./lvm-config";

/** Typed reads of config entries; keeps the first type error with the entry's line. */
class ConfigReader {
  error: ParseError | undefined;

  private fail(section: ConfigSection, key: string, expected: string): null {
    const entry = section.entries.get(key);
    if (this.error === undefined) {
      const got = entry === undefined ? "nothing" : JSON.stringify(entry.value);
      this.error = parseFailure(`${key} to be ${expected}`, got, {
        line: entry?.line ?? section.line,
      }).error;
    }
    return null;
  }

  string(section: ConfigSection | undefined, key: string): string | null {
    const value = section?.entries.get(key)?.value;
    if (section === undefined || value === undefined) return null;
    if (typeof value === "string") return value;
    return this.fail(section, key, "a string");
  }

  integer(section: ConfigSection | undefined, key: string): number | null {
    const value = section?.entries.get(key)?.value;
    if (section === undefined || value === undefined) return null;
    if (typeof value === "number" && Number.isSafeInteger(value)) return value;
    return this.fail(section, key, "an integer");
  }

  list(section: ConfigSection | undefined, key: string): ConfigScalar[] {
    const value = section?.entries.get(key)?.value;
    if (section === undefined || value === undefined) return [];
    if (Array.isArray(value)) return value;
    this.fail(section, key, "an [array]");
    return [];
  }

  strings(section: ConfigSection | undefined, key: string): string[] {
    const items = this.list(section, key);
    if (section !== undefined && !items.every((item) => typeof item === "string")) {
      this.fail(section, key, "an array of strings");
      return [];
    }
    return items.filter((item) => typeof item === "string");
  }

  /** ["pv0", 0, "pv1", 0]: name and starting extent pairs (stripes, mirrors). */
  pairs(section: ConfigSection, key: string): VgMetadataStripe[] {
    const items = this.list(section, key);
    const out: VgMetadataStripe[] = [];
    for (let i = 0; i + 1 < items.length; i += 2) {
      const [pv, start] = [items[i], items[i + 1]];
      if (typeof pv !== "string" || typeof start !== "number" || !Number.isSafeInteger(start))
        break;
      out.push({ pv, startExtent: start });
    }
    if (out.length * 2 !== items.length) this.fail(section, key, '["name", extent, …] pairs');
    return out;
  }
}

export function parseVgcfgbackup(text: string): ParseResult<VgMetadata> {
  const config = parseLvmConfig(text);
  if (!config.ok) return config;
  const root = config.value;
  const c = new ConfigReader();
  const contents = c.string(root, "contents");
  if (contents !== null && contents !== "Text Format Volume Group") {
    return parseFailure('contents = "Text Format Volume Group"', contents, {
      line: root.entries.get("contents")?.line ?? 1,
    });
  }
  const vg = root.sections[0];
  if (vg === undefined || !vg.entries.has("id") || !vg.entries.has("seqno")) {
    return parseFailure("a volume group section with id and seqno (vgname { id = … })", "none", {
      line: vg?.line ?? text.split("\n").length,
    });
  }
  const metadata = readVg(c, root, vg);
  return c.error === undefined ? { ok: true, value: metadata } : { ok: false, error: c.error };
}

function child(section: ConfigSection, name: string): ConfigSection | undefined {
  return section.sections.find((s) => s.name === name);
}

function readVg(c: ConfigReader, root: ConfigSection, vg: ConfigSection): VgMetadata {
  return {
    vgName: vg.name,
    vgId: c.string(vg, "id"),
    seqno: c.integer(vg, "seqno"),
    format: c.string(vg, "format"),
    status: c.strings(vg, "status"),
    flags: c.strings(vg, "flags"),
    extentSizeSectors: c.integer(vg, "extent_size"),
    description: c.string(root, "description"),
    creationHost: c.string(root, "creation_host"),
    creationTime: c.integer(root, "creation_time"),
    pvs: (child(vg, "physical_volumes")?.sections ?? []).map((pv) => readPv(c, pv)),
    lvs: (child(vg, "logical_volumes")?.sections ?? []).map((lv) => readLv(c, lv)),
  };
}

function readPv(c: ConfigReader, pv: ConfigSection): VgMetadataPv {
  const flags = c.strings(pv, "flags");
  return {
    key: pv.name,
    id: c.string(pv, "id"),
    deviceHint: c.string(pv, "device"),
    status: c.strings(pv, "status"),
    flags,
    isMissing: flags.includes("MISSING"),
    devSizeSectors: c.integer(pv, "dev_size"),
    peStart: c.integer(pv, "pe_start"),
    peCount: c.integer(pv, "pe_count"),
  };
}

function readLv(c: ConfigReader, lv: ConfigSection): VgMetadataLv {
  const status = c.strings(lv, "status");
  return {
    name: lv.name,
    id: c.string(lv, "id"),
    status,
    flags: c.strings(lv, "flags"),
    isVisible: status.includes("VISIBLE"),
    creationHost: c.string(lv, "creation_host"),
    creationTime: c.integer(lv, "creation_time"),
    segmentCount: c.integer(lv, "segment_count"),
    segments: lv.sections
      .filter((s) => /^segment\d+$/.test(s.name))
      .map((segment) => readSegment(c, segment)),
  };
}

function readSegment(c: ConfigReader, segment: ConfigSection): VgMetadataSegment {
  const type = c.string(segment, "type");
  // RAID lists its rmeta/rimage sub-LVs; legacy mirrors pair each image with an extent.
  const mirrors = c.pairs(segment, "mirrors").map((pair) => pair.pv);
  const poolParts = ["metadata", "pool", "data"].map((key) => c.string(segment, key));
  return {
    name: segment.name,
    startExtent: c.integer(segment, "start_extent"),
    extentCount: c.integer(segment, "extent_count"),
    type,
    stripeCount: c.integer(segment, "stripe_count"),
    stripeSizeSectors: c.integer(segment, "stripe_size"),
    stripes: c.pairs(segment, "stripes"),
    subLvs: [
      ...c.strings(segment, "raids"),
      ...mirrors,
      ...poolParts.filter((part) => part !== null),
    ],
    thinPool: c.string(segment, "thin_pool"),
  };
}
