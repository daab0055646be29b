import {
  type MdadmDetail,
  MdadmDetailSchema,
  MdadmExamineSchema,
  type MdstatArray,
  type MdstatReport,
  MdstatReportSchema,
} from "@holmes/core";
import type { CheckOutcome, Expectation, ResolvedExpectation } from "../types";
import { isNoMdSuperblock, type NoMdSuperblock } from "./examine-output";
import { bareName, compareAll, fail, given, pass, readOutput } from "./outcome";

type Of<K extends Expectation["that"]> = Extract<ResolvedExpectation, { that: K }>;

const readMdstat = (output: unknown) => readOutput(MdstatReportSchema, output, "mdstat");

function findArray(report: MdstatReport, name: string): MdstatArray | undefined {
  return report.arrays.find((array) => array.name === bareName(name));
}

const notListed = (name: string, report: MdstatReport) =>
  fail(`${bareName(name)} is not in /proc/mdstat`, [
    `arrays listed: ${report.arrays.map((array) => array.name).join(", ") || "none"}`,
  ]);

export function evaluateArrayState(expect: Of<"array-state">, output: unknown): CheckOutcome {
  const read = readMdstat(output);
  if (!read.ok) return read.outcome;
  const array = findArray(read.value, expect.array);
  if (!array) return notListed(expect.array, read.value);
  return compareAll(
    array.name,
    [
      ...given("state", expect.state, array.state),
      ...given("read-only", expect.readOnly, array.readOnly),
      ...given("degraded", expect.degraded, array.degraded),
      ...given("active devices", expect.activeDisks, array.activeDisks),
      ...given("raid devices", expect.raidDisks, array.raidDisks),
      ...given("level", expect.level, array.level),
    ],
    `${array.name} is ${describeArray(array)}`,
  );
}

function describeArray(array: MdstatArray): string {
  const flags = [array.state, array.level, array.readOnly ? "read-only" : null];
  const disks =
    array.raidDisks === null
      ? null
      : `[${array.raidDisks}/${array.activeDisks}] [${array.statusString}]`;
  return [...flags, disks].filter(Boolean).join(" ");
}

export function evaluateArrayAbsent(expect: Of<"array-absent">, output: unknown): CheckOutcome {
  const read = readMdstat(output);
  if (!read.ok) return read.outcome;
  const array = findArray(read.value, expect.array);
  if (array) return fail(`${array.name} is still present (${describeArray(array)})`);
  return pass(`${bareName(expect.array)} is not in /proc/mdstat`);
}

export function evaluateSyncIdle(expect: Of<"sync-idle">, output: unknown): CheckOutcome {
  const read = readMdstat(output);
  if (!read.ok) return read.outcome;
  const array = findArray(read.value, expect.array);
  if (!array) return notListed(expect.array, read.value);
  if (!array.sync) return pass(`no resync, recovery, check or reshape on ${array.name}`);
  return fail(`${array.name}: ${describeSync(array)}`);
}

function describeSync(array: MdstatArray): string {
  const sync = array.sync;
  if (!sync) return "idle";
  const percent = sync.percent === null ? "" : ` at ${sync.percent}%`;
  const speed = sync.speedKBps === null ? "" : `, ${(sync.speedKBps / 1024).toFixed(1)} MB/s`;
  return `${sync.action} ${sync.state}${percent}${speed}`;
}

/**
 * "The recovery is progressing": running at a non-zero speed now, and, when an earlier
 * observation is given, further along than then. Finishing in between counts as progress when
 * the array is no longer degraded. A pending or delayed sync is not progress (an auto-read-only
 * array waits for its first write before it resyncs).
 */
export function evaluateSyncProgressing(
  expect: Of<"sync-progressing">,
  output: unknown,
  previous: unknown,
): CheckOutcome {
  const read = readMdstat(output);
  if (!read.ok) return read.outcome;
  const array = findArray(read.value, expect.array);
  if (!array) return notListed(expect.array, read.value);
  const before = previous === undefined ? null : readMdstat(previous);
  if (before && !before.ok) return before.outcome;
  const earlier = before?.ok ? findArray(before.value, expect.array) : undefined;
  const sync = array.sync;
  if (!sync) {
    const hadSync = earlier?.sync && earlier.sync.state === "running";
    if (hadSync && !array.degraded)
      return pass(`${array.name}: ${earlier.sync?.action} finished; array in sync`);
    return fail(`${array.name}: no resync or recovery running`, [describeArray(array)]);
  }
  if (sync.state !== "running") {
    return fail(`${array.name}: ${sync.action} is ${sync.state}, not running`, [
      array.autoReadOnly
        ? "the array is auto-read-only: it starts syncing on its first write"
        : describeSync(array),
    ]);
  }
  if (!sync.speedKBps)
    return fail(`${array.name}: ${sync.action} shows no speed`, [describeSync(array)]);
  const was = earlier?.sync;
  if (!was || was.action !== sync.action) {
    return pass(`${array.name}: ${describeSync(array)}`, [
      "run the check again to confirm it advances",
    ]);
  }
  const now = sync.doneBlocks ?? sync.percent ?? 0;
  const then = was.doneBlocks ?? was.percent ?? 0;
  if (now > then) return pass(`${array.name}: ${describeSync(array)} (was ${was.percent ?? "?"}%)`);
  return fail(`${array.name}: ${sync.action} has not advanced since the previous check`, [
    `then ${then}, now ${now} (${sync.doneBlocks === null ? "percent" : "KiB"})`,
  ]);
}

/**
 * For watching a rebuild: progressing as for `sync-progressing`, or already complete — nothing
 * running and the array active and not degraded. Complete needs no earlier observation: a
 * bitmap re-add copies only the blocks written meanwhile and is often done within seconds. A
 * degraded array with nothing running fails (the rebuild never started or was interrupted), as
 * does a pending or delayed one.
 */
export function evaluateSyncProgressingOrComplete(
  expect: Of<"sync-progressing-or-complete">,
  output: unknown,
  previous: unknown,
): CheckOutcome {
  const read = readMdstat(output);
  if (!read.ok) return read.outcome;
  const array = findArray(read.value, expect.array);
  if (!array) return notListed(expect.array, read.value);
  if (!array.sync && array.state === "active" && !array.degraded) {
    return pass(`${array.name}: no resync or recovery running and not degraded (complete)`, [
      describeArray(array),
    ]);
  }
  if (!array.sync && array.degraded) {
    return fail(`${array.name} is degraded and nothing is rebuilding it`, [
      describeArray(array),
      "a spare may be missing, or the recovery was interrupted: see mdadm --detail",
    ]);
  }
  return evaluateSyncProgressing(
    { that: "sync-progressing", array: expect.array },
    output,
    previous,
  );
}

export function evaluateDevicesUnused(expect: Of<"devices-unused">, output: unknown): CheckOutcome {
  const read = readMdstat(output);
  if (!read.ok) return read.outcome;
  const held = expect.devices.flatMap((device) =>
    read.value.arrays
      .filter((array) => array.members.some((member) => member.device === bareName(device)))
      .map((array) => `${bareName(device)} is a member of ${array.name} (${array.state})`),
  );
  const names = expect.devices.map(bareName).join(", ");
  return held.length === 0
    ? pass(`${names}: not a member of any array`)
    : fail(held[0] ?? "", held);
}

const readDetail = (output: unknown) => readOutput(MdadmDetailSchema, output, "mdadm --detail");

export function evaluateDetailState(expect: Of<"detail-state">, output: unknown): CheckOutcome {
  const read = readDetail(output);
  if (!read.ok) return read.outcome;
  const detail: MdadmDetail = read.value;
  const flags = detail.stateFlags.map((flag) => flag.toLowerCase());
  const missing = (expect.includes ?? []).filter((flag) => !flags.includes(flag.toLowerCase()));
  const present = (expect.excludes ?? []).filter((flag) => flags.includes(flag.toLowerCase()));
  const subject = detail.device ?? "the array";
  const outcome = compareAll(
    subject,
    [
      ...given("active devices", expect.activeDevices, detail.activeDevices),
      ...given("working devices", expect.workingDevices, detail.workingDevices),
      ...given("failed devices", expect.failedDevices, detail.failedDevices),
      ...given("raid devices", expect.raidDevices, detail.raidDevices),
    ],
    `${subject}: State : ${detail.state ?? "?"}`,
  );
  const stateDetails = [`State : ${detail.state ?? "not reported"}`, ...outcome.details];
  if (missing.length > 0)
    return fail(`${subject}: state is not ${missing.join(", ")}`, stateDetails);
  if (present.length > 0) return fail(`${subject}: state is ${present.join(", ")}`, stateDetails);
  return { ...outcome, details: stateDetails };
}

export function evaluateMemberState(expect: Of<"member-state">, output: unknown): CheckOutcome {
  const read = readDetail(output);
  if (!read.ok) return read.outcome;
  const name = bareName(expect.device);
  const member = read.value.devices.find(
    (device) => device.device && bareName(device.device) === name,
  );
  const subject = read.value.device ?? "the array";
  if (!expect.present) {
    return member
      ? fail(`${name} is still in ${subject} (${member.stateFlags.join(" ")})`)
      : pass(`${name} is not part of ${subject}`);
  }
  if (!member) return fail(`${name} is not part of ${subject}`);
  const missing = (expect.flags ?? []).filter((flag) => !member.stateFlags.includes(flag));
  const state = member.stateFlags.join(" ") || "no state";
  if (missing.length > 0) return fail(`${name} is ${state}, not ${missing.join(" ")}`);
  return pass(`${name} is in ${subject}: ${state}`);
}

function partitionNote(none: NoMdSuperblock | null): string {
  if (!none?.partitionTable) return "";
  const table = none.partitionTable.toUpperCase();
  const article = table === "MBR" ? "an" : "a";
  return ` (it holds ${article} ${table} partition table with ${none.partitions} partition(s))`;
}

export function evaluateSuperblock(
  expect: Extract<Expectation, { that: "superblock" }>,
  output: unknown,
): CheckOutcome {
  if (output === null || isNoMdSuperblock(output)) {
    const none = output === null ? null : output;
    const summary = `no md superblock on ${none?.device ?? "the device"}${partitionNote(none)}`;
    if (expect.present) return fail(summary);
    // The whole disk has no superblock, but each partition may carry one of its own.
    const details =
      none?.partitionTable && none.partitions > 0
        ? [
            `its ${none.partitions} partition(s) are not examined by this check: mdadm --examine each partition`,
          ]
        : [];
    return pass(summary, details);
  }
  const read = readOutput(MdadmExamineSchema, output, "mdadm --examine");
  if (!read.ok) return read.outcome;
  const found =
    `md superblock ${read.value.version ?? ""} of array ${read.value.arrayUuid ?? "?"}`.replace(
      "  ",
      " ",
    );
  return expect.present ? pass(`${found} found`) : fail(`${found} is still on the device`);
}
