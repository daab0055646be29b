import { ALLOWED_COMMAND_IDS, resolveInvocation } from "@holmes/probes/commands";
import { describe, expect, it } from "vitest";
import type { RunbookCheck } from "../types";
import { CHECK_PROBES } from "./probes";
import { resolveCheck } from "./resolve-check";

const check = (overrides: Partial<RunbookCheck>): RunbookCheck => ({
  id: "c",
  description: "{{array}} is read-only",
  probe: "mdstat",
  args: {},
  expect: { that: "array-state", array: "{{array}}", readOnly: true },
  line: 1,
  ...overrides,
});

describe("resolveCheck", () => {
  it("fills templates and names the allowlisted command", () => {
    const result = resolveCheck(check({}), { array: "/dev/md1" });
    expect(result).toEqual({
      ok: true,
      check: {
        id: "c",
        description: "/dev/md1 is read-only",
        probe: "mdstat",
        args: {},
        command: { commandId: "mdstat", argument: null, sinceMinutes: null },
        expect: { that: "array-state", array: "/dev/md1", readOnly: true },
      },
    });
  });

  it("passes a validated argument to a parameter command", () => {
    const result = resolveCheck(
      check({
        probe: "mdadm-detail",
        args: { array: "{{array}}" },
        expect: { that: "detail-state", includes: ["clean"] },
      }),
      { array: "/dev/md/data" },
    );
    expect(result.ok && result.check.command).toEqual({
      commandId: "mdadm-detail",
      argument: "/dev/md/data",
      sinceMinutes: null,
    });
  });

  it("validates the argument again, whatever the binding says", () => {
    const result = resolveCheck(
      check({
        probe: "smartctl",
        args: { device: "{{disk}}" },
        description: "d",
        expect: { that: "smart-healthy" },
      }),
      { disk: "/dev/sda;reboot" },
    );
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^argument device: expected a block device/)],
    });
  });

  it("refuses an unbound variable", () => {
    expect(resolveCheck(check({}), {})).toEqual({
      ok: false,
      errors: ["description: no value bound for {{array}}", "array: no value bound for {{array}}"],
    });
  });

  it("expands a device list into the expectation's list", () => {
    const result = resolveCheck(
      check({
        expect: { that: "devices-unused", devices: ["{{members}}", "/dev/sdz1"] },
        description: "free",
      }),
      {
        members: ["/dev/sdb1", "/dev/sdc1"],
      },
    );
    expect(result.ok && result.check.expect).toEqual({
      that: "devices-unused",
      devices: ["/dev/sdb1", "/dev/sdc1", "/dev/sdz1"],
    });
  });

  it("gives the kernel log window in minutes and defaults it to 60", () => {
    const kmsg = (args: Record<string, string>) =>
      resolveCheck(
        check({
          probe: "kmsg",
          args,
          description: "d",
          expect: { that: "no-kernel-events", events: ["xfs_shutdown"] },
        }),
        {},
      );
    const hour = kmsg({});
    expect(hour.ok && hour.check).toMatchObject({
      args: { since_minutes: "60" },
      command: { commandId: "kernel-log", sinceMinutes: 60 },
    });
    const ten = kmsg({ since_minutes: "10" });
    expect(ten.ok && ten.check.command.sinceMinutes).toBe(10);
  });
});

describe("every check probe is an allowlisted read-only command", () => {
  const samples: Record<string, Record<string, string>> = {
    "mdadm-detail": { array: "/dev/md0" },
    "mdadm-examine": { device: "/dev/sdb1" },
    smartctl: { device: "/dev/sda" },
    lvm: { report: "lvs" },
  };

  it.each(Object.keys(CHECK_PROBES))("%s", (probe) => {
    const spec = CHECK_PROBES[probe as keyof typeof CHECK_PROBES];
    const command = spec.commandFor(samples[probe] ?? {});
    expect(ALLOWED_COMMAND_IDS).toContain(command.commandId);
    if (command.argument !== null) {
      // The allowlist's own validator accepts what this package validated.
      const argv =
        command.commandId === "smartctl"
          ? ["smartctl", "--json=c", "-x", "--nocheck=standby", command.argument]
          : [
              "mdadm",
              command.commandId === "mdadm-detail" ? "--detail" : "--examine",
              command.argument,
            ];
      expect(resolveInvocation(argv)?.commandId).toBe(command.commandId);
    }
  });
});
