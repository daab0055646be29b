import { AppError, type ParseResult } from "@holmes/core";
import {
  type CommandInvocation,
  fixedCommand,
  kernelLogSince,
  mdadmDetail,
  mdadmExamine,
  smartctl,
} from "@holmes/probes/commands";
import { PARSERS } from "@holmes/probes/parsers";
import { type CheckProbe, checkOutputWithoutParser } from "@holmes/runbooks";
import { answeringForm, formsOf } from "../command-forms";

const LVM_REPORTS = ["pvs", "vgs", "lvs"] as const;
const DEFAULT_KMSG_MINUTES = 60;
const MAX_KMSG_MINUTES = 7 * 24 * 60;

/**
 * The one allowlisted command a check probe runs, its arguments validated by kind (the probes'
 * builders refuse anything that is not a device path or a known report) before any SSH happens.
 * Exhaustive: a new `CheckProbe` fails to compile until it maps to a command here.
 */
export function checkInvocation(
  probe: CheckProbe,
  args: Readonly<Record<string, string>>,
  now: Date,
): CommandInvocation {
  switch (probe) {
    case "mdstat":
      return fixedCommand("mdstat");
    case "mdadm-detail":
      return mdadmDetail(requiredArg(probe, args, "array"));
    case "mdadm-examine":
      return mdadmExamine(requiredArg(probe, args, "device"));
    case "mountinfo":
      return fixedCommand("mountinfo");
    case "mountstats":
      return fixedCommand("mountstats");
    case "losetup":
      return fixedCommand("losetup");
    case "lvm":
      return fixedCommand(lvmReport(args.report ?? "vgs"));
    case "smartctl":
      return smartctl(requiredArg(probe, args, "device"));
    case "kmsg":
      return kernelLogSince(kmsgSince(args.since_minutes, now));
    case "uname":
      return fixedCommand("uname");
    default:
      return assertNever(probe);
  }
}

/**
 * The value `evaluateExpectation` reads from what a check's command printed. Output the probe's
 * parser rejects by design but the expectation understands (a device without an md superblock:
 * `checkOutputWithoutParser`) is that value as is. Otherwise the parser of the form that answered,
 * chosen as the poll chooses it (command-forms.ts: `losetup -a` text or LVM's columns where the
 * JSON form was refused), or the trimmed text for commands without a parser (`uname -r`).
 * `answeredId` is the id of the section that answered: the command's own or its fallback's.
 */
export function readCheckOutput(
  probe: CheckProbe,
  invocation: CommandInvocation,
  answeredId: string,
  output: string,
): ParseResult<unknown> {
  const withoutParser = checkOutputWithoutParser(probe, output);
  if (withoutParser) return { ok: true, value: withoutParser.value };
  return parserOf(invocation, answeredId)(output);
}

function parserOf(
  invocation: CommandInvocation,
  answeredId: string,
): (text: string) => ParseResult<unknown> {
  const forms = formsOf(invocation);
  if (forms) return answeringForm(forms, (id) => id === answeredId).parser;
  const answered = invocation.fallback?.id === answeredId ? invocation.fallback : invocation;
  return PARSERS[answered.format] ?? ((text) => ({ ok: true, value: text.trim() }));
}

function requiredArg(
  probe: CheckProbe,
  args: Readonly<Record<string, string>>,
  name: string,
): string {
  const value = args[name];
  if (value === undefined || value === "") {
    throw new AppError("BAD_REQUEST", { message: `${probe}: the argument "${name}" is missing` });
  }
  return value;
}

function lvmReport(report: string): (typeof LVM_REPORTS)[number] {
  const known = LVM_REPORTS.find((name) => name === report);
  if (!known) {
    const shown = JSON.stringify(report.slice(0, 40));
    throw new AppError("BAD_REQUEST", {
      message: `lvm: report must be pvs, vgs or lvs, not ${shown}`,
    });
  }
  return known;
}

function kmsgSince(sinceMinutes: string | undefined, now: Date): number {
  const minutes = sinceMinutes === undefined ? DEFAULT_KMSG_MINUTES : Number(sinceMinutes);
  if (!/^\d{1,6}$/.test(sinceMinutes ?? "60") || minutes < 1 || minutes > MAX_KMSG_MINUTES) {
    const shown = JSON.stringify(String(sinceMinutes).slice(0, 20));
    throw new AppError("BAD_REQUEST", {
      message: `kmsg: since_minutes must be 1 to ${MAX_KMSG_MINUTES}, not ${shown}`,
    });
  }
  return Math.floor(now.getTime() / 1000) - minutes * 60;
}

function assertNever(probe: never): never {
  throw new AppError("BAD_REQUEST", { message: `unknown check probe ${String(probe)}` });
}
