/** fast-check generators for valid host-derived names and builder-made invocations (tests only). */
import fc from "fast-check";
import {
  type CommandInvocation,
  FIXED_COMMAND_IDS,
  fixedCommand,
  kernelLogSince,
  lvmBackup,
  mdadmDetail,
  mdadmExamine,
  sfdiskDump,
  smartctl,
} from "../allowlist";

export const deviceNameArbitrary = fc.oneof(
  fc.constantFrom("sda", "sdaa1", "nvme0n1p2", "md127", "md_d0", "dm-3", "loop12", "vda1", "sr0"),
  fc.stringMatching(/^sd[a-z]{1,3}[0-9]{0,2}$/),
  fc.stringMatching(/^nvme[0-9]n[0-9](?:p[0-9]{1,2})?$/),
);

export const devicePathArbitrary = fc.oneof(
  deviceNameArbitrary.map((name) => `/dev/${name}`),
  fc
    .stringMatching(/^[A-Za-z0-9_:-][A-Za-z0-9_.:-]{0,11}$/)
    .filter((name) => !name.includes(".."))
    .map((name) => `/dev/md/${name}`),
);

export const volumeGroupArbitrary = fc.stringMatching(/^[A-Za-z0-9+_][A-Za-z0-9+_.-]{0,15}$/);

export const invocationArbitrary: fc.Arbitrary<CommandInvocation> = fc.oneof(
  fc.constantFrom(...FIXED_COMMAND_IDS).map(fixedCommand),
  devicePathArbitrary.map(mdadmDetail),
  devicePathArbitrary.map(mdadmExamine),
  devicePathArbitrary.map(smartctl),
  devicePathArbitrary.map(sfdiskDump),
  volumeGroupArbitrary.map(lvmBackup),
  fc.nat(2_000_000_000).map(kernelLogSince),
);

function chainIds(invocation: CommandInvocation): string[] {
  return invocation.fallback ? [invocation.id, ...chainIds(invocation.fallback)] : [invocation.id];
}

/** Lists composeProbe accepts: no section id (fallbacks included) appears twice. */
export const invocationListArbitrary = fc
  .array(invocationArbitrary, { maxLength: 12 })
  .filter((list) => {
    const ids = list.flatMap(chainIds);
    return new Set(ids).size === ids.length;
  });
