/**
 * LVM volume groups on md arrays, laid out the way lvcreate does it: 4 MiB extents, data
 * starting 1 MiB into the PV, each LV one linear segment placed after the previous one.
 */
import type { LvmLv, LvmVg } from "./model";
import { lvmUuid, type Rng } from "./prng";

export const EXTENT_SECTORS = 8192;
const PE_START_SECTORS = 2048;
const GIB_EXTENTS = 256;

export type LvSpec = {
  name: string;
  /** Fixed size in GiB, or a share of what is left after the fixed ones. */
  size: { gib: number } | { share: number };
  fstype: string | null;
};

export type VgSpec = {
  name: string;
  pvDevice: string;
  pvSectors: number;
  lvs: LvSpec[];
  hostname: string;
  createdSec: number;
  firstDmMinor: number;
};

export function buildVg(spec: VgSpec, rng: Rng): LvmVg {
  const peCount = Math.floor((spec.pvSectors - PE_START_SECTORS) / EXTENT_SECTORS);
  const lvs = placeLvs(spec, peCount, rng);
  const allocated = lvs.reduce((sum, lv) => sum + lv.extents, 0);
  return {
    name: spec.name,
    uuid: lvmUuid(rng),
    seqno: spec.lvs.length + 1 + rng.int(0, 12),
    extentSizeSectors: EXTENT_SECTORS,
    creationHost: spec.hostname,
    creationTimeSec: spec.createdSec + 50,
    pvs: [
      {
        device: spec.pvDevice,
        uuid: lvmUuid(rng),
        devSizeSectors: spec.pvSectors,
        peStartSectors: PE_START_SECTORS,
        peCount,
        peAllocated: allocated,
      },
    ],
    lvs,
  };
}

/** Fixed-size LVs take their GiB; the shares split what is left, in order. */
function placeLvs(spec: VgSpec, peCount: number, rng: Rng): LvmLv[] {
  const fixed = spec.lvs.reduce(
    (sum, lv) => sum + ("gib" in lv.size ? lv.size.gib * GIB_EXTENTS : 0),
    0,
  );
  const rest = Math.max(0, peCount - fixed);
  let next = 0;
  return spec.lvs.map((lv, index) => {
    const wanted = "gib" in lv.size ? lv.size.gib * GIB_EXTENTS : Math.floor(rest * lv.size.share);
    const extents = Math.min(peCount - next, wanted);
    const placed: LvmLv = {
      name: lv.name,
      uuid: lvmUuid(rng),
      extents,
      pvIndex: 0,
      pvStartExtent: next,
      creationTimeSec: spec.createdSec + 60 + index * 7,
      dmMinor: spec.firstDmMinor + index,
      fstype: lv.fstype,
    };
    next += extents;
    return placed;
  });
}

/** `/dev/mapper/vg0-root`; device-mapper doubles any `-` inside the names. */
export function lvMapperPath(vg: string, lv: string): string {
  return `/dev/mapper/${vg.replaceAll("-", "--")}-${lv.replaceAll("-", "--")}`;
}

export function lvSizeBytes(vg: LvmVg, lv: LvmLv): number {
  return lv.extents * vg.extentSizeSectors * 512;
}
