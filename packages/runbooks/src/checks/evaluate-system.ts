import {
  KernelLogSchema,
  LoopDeviceSchema,
  LvmReportSchema,
  type MountEntry,
  MountEntrySchema,
  MountstatsReportSchema,
  SmartReportSchema,
} from "@holmes/core";
import type { CheckOutcome, Expectation, ResolvedExpectation } from "../types";
import { bareName, compareAll, fail, given, pass, readList, readOutput } from "./outcome";

type Of<K extends Expectation["that"]> = Extract<ResolvedExpectation, { that: K }>;

const readMounts = (output: unknown) => readList(MountEntrySchema, output, "mountinfo");
const isNfs = (mount: MountEntry) => mount.fstype === "nfs" || mount.fstype === "nfs4";

/** With stacked mounts the last one listed on a path is the one in use. */
const mountAt = (mounts: MountEntry[], path: string) =>
  mounts.filter((mount) => mount.target === path).at(-1);

export function evaluateMounted(expect: Of<"mounted">, output: unknown): CheckOutcome {
  const read = readMounts(output);
  if (!read.ok) return read.outcome;
  const mount = mountAt(read.value, expect.path);
  if (!mount) return fail(`nothing is mounted on ${expect.path}`);
  return compareAll(
    expect.path,
    [
      ...given("type", expect.fstype, mount.fstype),
      ...given("read-only", expect.readOnly, mount.readOnly),
    ],
    `${mount.source ?? "?"} is mounted on ${expect.path} (${mount.fstype}, ${mount.readOnly ? "ro" : "rw"})`,
  );
}

export function evaluateNotMounted(expect: Of<"not-mounted">, output: unknown): CheckOutcome {
  const read = readMounts(output);
  if (!read.ok) return read.outcome;
  const mount = mountAt(read.value, expect.path);
  return mount
    ? fail(`${mount.source ?? "?"} is still mounted on ${expect.path} (${mount.fstype})`)
    : pass(`nothing is mounted on ${expect.path}`);
}

/** Option names of a mount, per-mount and superblock options together (`soft`, `timeo`, …). */
function optionNames(mount: MountEntry): string[] {
  const all = [mount.options, mount.superOptions ?? ""].join(",");
  return all
    .split(",")
    .map((option) => option.split("=")[0] ?? "")
    .filter(Boolean);
}

export function evaluateNoNfsOption(
  expect: Of<"no-nfs-mount-with-option">,
  output: unknown,
): CheckOutcome {
  const read = readMounts(output);
  if (!read.ok) return read.outcome;
  const nfsMounts = read.value.filter(isNfs);
  const offending = nfsMounts.filter((mount) => optionNames(mount).includes(expect.option));
  const details = offending.map(
    (mount) => `${mount.target} (${mount.source ?? "?"}) has ${expect.option}`,
  );
  if (offending.length > 0)
    return fail(`${offending.length} NFS mount(s) with ${expect.option}`, details);
  return pass(`none of ${nfsMounts.length} NFS mount(s) has ${expect.option}`);
}

/** Kernel counters beyond 2^53 arrive as decimal strings; BigInt keeps them exact. */
const asBigInt = (counter: number | string) => BigInt(counter);

export function evaluateRetransmissionsSteady(
  expect: Of<"nfs-retransmissions-steady">,
  output: unknown,
  previous: unknown,
): CheckOutcome {
  const now = readOutput(MountstatsReportSchema, output, "mountstats");
  if (!now.ok) return now.outcome;
  if (previous === undefined)
    return fail("first observation: run the check again to compare retransmissions");
  const then = readOutput(MountstatsReportSchema, previous, "mountstats");
  if (!then.ok) return then.outcome;
  const selected = now.value.mounts.filter(
    (mount) =>
      (mount.fstype === "nfs" || mount.fstype === "nfs4") &&
      (!expect.path || mount.mountPoint === expect.path),
  );
  if (selected.length === 0)
    return fail(`no NFS mount${expect.path ? ` on ${expect.path}` : ""} in mountstats`);
  const details: string[] = [];
  let isSteady = true;
  for (const mount of selected) {
    const earlier = then.value.mounts.find((other) => other.mountPoint === mount.mountPoint);
    if (!earlier || mount.retransmissions === null || earlier.retransmissions === null) continue;
    const increase = asBigInt(mount.retransmissions) - asBigInt(earlier.retransmissions);
    isSteady &&= increase <= BigInt(expect.maxIncrease);
    details.push(`${mount.mountPoint}: +${increase} retransmissions`);
  }
  if (details.length === 0)
    return fail("no NFS mount reported retransmissions in both observations");
  const summary = isSteady
    ? "NFS retransmissions steady"
    : `NFS retransmissions grew by more than ${expect.maxIncrease}`;
  return { passed: isSteady, summary, details };
}

const readLoops = (output: unknown) => readList(LoopDeviceSchema, output, "losetup");

export function evaluateLoopAttached(expect: Of<"loop-attached">, output: unknown): CheckOutcome {
  const read = readLoops(output);
  if (!read.ok) return read.outcome;
  const loop = read.value.find((device) => bareName(device.name) === bareName(expect.device));
  if (!loop) return fail(`${bareName(expect.device)} is not set up`);
  const deleted = loop.backFileDeleted ? " (deleted)" : "";
  return compareAll(
    bareName(expect.device),
    given("backing file", expect.backFile, loop.backFile),
    `${bareName(expect.device)} is backed by ${loop.backFile ?? "?"}${deleted}`,
  );
}

export function evaluateLoopDetached(expect: Of<"loop-detached">, output: unknown): CheckOutcome {
  const read = readLoops(output);
  if (!read.ok) return read.outcome;
  const loop = read.value.find((device) => bareName(device.name) === bareName(expect.device));
  return loop
    ? fail(`${bareName(expect.device)} is still attached to ${loop.backFile ?? "?"}`)
    : pass(`${bareName(expect.device)} is not set up`);
}

export function evaluateVgPresent(expect: Of<"vg-present">, output: unknown): CheckOutcome {
  const read = readOutput(LvmReportSchema, output, "vgs");
  if (!read.ok) return read.outcome;
  const vg = read.value.vgs.find((group) => group.vgName === expect.vg);
  if (!vg)
    return fail(`volume group ${expect.vg} is not listed`, [
      `listed: ${read.value.vgs.map((g) => g.vgName).join(", ") || "none"}`,
    ]);
  if (vg.isPartial)
    return fail(`volume group ${expect.vg} is partial (${vg.missingPvCount ?? "?"} PV missing)`);
  return pass(
    `volume group ${expect.vg}: ${vg.pvCount ?? "?"} PV, ${vg.lvCount ?? "?"} LV, seqno ${vg.seqno ?? "?"}`,
  );
}

export function evaluateLvActive(expect: Of<"lv-active">, output: unknown): CheckOutcome {
  const read = readOutput(LvmReportSchema, output, "lvs");
  if (!read.ok) return read.outcome;
  const lv = read.value.lvs.find(
    (volume) => volume.vgName === expect.vg && volume.lvName === expect.lv,
  );
  const name = `${expect.vg}/${expect.lv}`;
  if (!lv) return fail(`${name} is not listed`);
  return lv.isActive
    ? pass(`${name} is active (${lv.lvAttr ?? ""})`)
    : fail(`${name} is not active (${lv.lvAttr ?? ""})`);
}

/** ATA 5 Reallocated_Sector_Ct and 197 Current_Pending_Sector: the two counts that predict loss. */
export function evaluateSmartHealthy(expect: Of<"smart-healthy">, output: unknown): CheckOutcome {
  const read = readOutput(SmartReportSchema, output, "smartctl");
  if (!read.ok) return read.outcome;
  const report = read.value;
  const disk = `${report.model ?? "disk"} ${report.serial ?? ""}`.trim();
  if (report.skippedPowerMode)
    return fail(`${disk} was not checked: it is in ${report.skippedPowerMode}`);
  const raw = (id: number) => report.attributes.find((attribute) => attribute.id === id)?.raw ?? 0;
  const details = [
    `overall health: ${report.passed === null ? "not reported" : report.passed ? "PASSED" : "FAILED"}`,
  ];
  if (report.attributes.length > 0) details.push(`reallocated: ${raw(5)}, pending: ${raw(197)}`);
  if (report.passed !== true) return fail(`${disk}: SMART overall health is not PASSED`, details);
  if (expect.maxReallocated !== undefined && raw(5) > expect.maxReallocated) {
    return fail(`${disk}: ${raw(5)} reallocated sectors (limit ${expect.maxReallocated})`, details);
  }
  if (expect.maxPending !== undefined && raw(197) > expect.maxPending) {
    return fail(`${disk}: ${raw(197)} pending sectors (limit ${expect.maxPending})`, details);
  }
  return pass(`${disk}: healthy`, details);
}

export function evaluateNoKernelEvents(
  expect: Of<"no-kernel-events">,
  output: unknown,
): CheckOutcome {
  const read = readOutput(KernelLogSchema, output, "kernel log");
  if (!read.ok) return read.outcome;
  const device = expect.device === undefined ? null : bareName(expect.device);
  const hits = read.value.lines.filter(
    (line) =>
      line.event !== null &&
      (expect.events as string[]).includes(line.event.kind) &&
      (device === null || (line.event.device !== null && bareName(line.event.device) === device)),
  );
  const scope = `${expect.events.join(", ")}${device ? ` on ${device}` : ""}`;
  if (hits.length === 0) return pass(`no ${scope} in ${read.value.lines.length} log line(s)`);
  return fail(
    `${hits.length} ${scope} event(s) in the kernel log`,
    hits.slice(-5).map((line) => line.raw),
  );
}

/** "2.6.18-419.el5" → [2, 6, 18]. */
function versionParts(text: string): number[] | null {
  const match = text.trim().match(/^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
  return match ? match.slice(1).map((part) => Number(part ?? 0)) : null;
}

export function evaluateKernelAtLeast(
  expect: Of<"kernel-at-least">,
  output: unknown,
): CheckOutcome {
  if (typeof output !== "string") return fail("cannot evaluate: uname output is not text");
  const running = versionParts(output);
  const wanted = versionParts(expect.version) ?? [];
  if (!running)
    return fail(`cannot read a kernel version from ${JSON.stringify(output.slice(0, 80))}`);
  const index = wanted.findIndex((part, i) => (running[i] ?? 0) !== part);
  const isNewEnough = index === -1 || (running[index] ?? 0) > (wanted[index] ?? 0);
  const summary = `kernel ${output.trim()} ${isNewEnough ? "≥" : "<"} ${expect.version}`;
  return isNewEnough ? pass(summary) : fail(summary);
}
