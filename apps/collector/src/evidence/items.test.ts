import {
  type CommandInvocation,
  detailProbe,
  discoveryProbe,
  fixedCommand,
  type ProbeSection,
} from "@holmes/probes/commands";
import { createFleet, hostAt, renderCommand, SCENARIOS } from "@holmes/probes/simulate";
import { describe, expect, it } from "vitest";
import { discoveredNames, readStableParts } from "../poll/normalize";
import { PollReader } from "../poll/sections";
import { buildEvidenceItems, type ParsedBefore } from "./items";

const fleet = createFleet({ hosts: 1, seed: 7, scenarios: ["superblock-overwrite"] });
const host = fleet.hosts[0]?.hostname ?? "";
const marks = SCENARIOS["superblock-overwrite"].marks;

/** Both rounds of a poll answered by the simulator directly (no SSH): the raw sections. */
function pollSections(elapsedMs: number, patch: (s: ProbeSection) => ProbeSection = (s) => s) {
  const atMs = fleet.epochMs + elapsedMs;
  const model = hostAt(fleet, host, atMs);
  if (!model) throw new Error(`no simulated host ${host}`);
  const answer = (invocation: CommandInvocation): ProbeSection => {
    const out = renderCommand(model, invocation.argv, atMs);
    const base = { id: invocation.id, missingTool: null, isTruncated: false };
    return "missing" in out
      ? { ...base, exitCode: null, output: "", isMissing: true }
      : { ...base, exitCode: out.exitCode, output: out.stdout, isMissing: false };
  };
  // As the composite runs them: a failing command's fallback runs under its own id.
  const run = (invocations: CommandInvocation[]) =>
    invocations.flatMap((invocation) => {
      const section = answer(invocation);
      const { fallback } = invocation;
      return section.exitCode !== 0 && fallback ? [section, answer(fallback)] : [section];
    });
  const discovery = discoveryProbe({ useSudo: false, kernelLogSinceEpochSeconds: 0 });
  const first = run(discovery.invocations);
  const byId = new Map(first.map((section) => [section.id, section]));
  const reader = new PollReader(
    discovery.invocations.map((invocation) => ({ invocation, section: byId.get(invocation.id) })),
  );
  const second = run(detailProbe(discoveredNames(reader), { useSudo: false }).invocations);
  return [...first, ...second].map(patch);
}

describe("buildEvidenceItems", () => {
  it("turns a poll into items keyed by array UUID and disk serial, not by drive letter", () => {
    const { items, judged } = buildEvidenceItems(pollSections((marks.reinstalling ?? 0) - 60_000));
    const kinds = items.map((i) => i.kind);
    expect(kinds.filter((k) => k === "md-map")).toHaveLength(2);
    expect(kinds.filter((k) => k === "mdadm-examine")).toHaveLength(20);
    expect(kinds.filter((k) => k === "partition-table")).toHaveLength(10);
    expect(items.find((i) => i.kind === "mdadm-examine")?.itemKey).toMatch(
      /^mdadm-examine:serial=WD-\w+\/1$/,
    );
    expect(items.find((i) => i.itemKey === "mdadm-conf")?.label).toBe("/etc/mdadm.conf");
    expect(items.find((i) => i.itemKey === "lvm-metadata:vg0")?.summary).toMatchObject({
      vgName: "vg0",
    });
    expect([...judged].sort()).toEqual(["lvm", "md", "partition"]);
    const tree = String(items.find((i) => i.itemKey === "lsblk")?.summary?.tree);
    expect(tree).toMatch(/^sda +disk +\S+ +WD-\w+ +0x[0-9a-f]+$/m);
    expect(tree).toMatch(/^ {4}└─md1 +raid10 /m);
    // The md map compares without its volatile fields: events are in the text, not the fingerprint.
    const map = items.find((i) => i.kind === "md-map");
    expect(map?.content).toContain('"events":');
    expect(map?.fingerprintText).not.toMatch(/"events":\d/);
  });

  it("judges no md item gone when one of the md commands gave no answer", () => {
    const timedOut = (s: ProbeSection) =>
      s.id.startsWith("mdadm-examine:") ? { ...s, exitCode: 124, output: "" } : s;
    const { items, judged } = buildEvidenceItems(pollSections(60_000, timedOut));
    expect(judged.has("md")).toBe(false);
    expect(items.filter((i) => i.kind === "mdadm-examine")).toEqual([]);
    // The map still says what is known: slots from --detail, no events.
    const md1 = items.find((i) => i.kind === "md-map" && i.label.startsWith("/dev/md1"));
    expect(JSON.parse(md1?.content ?? "{}").members[0]).toMatchObject({ slot: 0, events: null });
  });

  it("reuses what the poll parsed of the same outputs, and builds the same items with it", () => {
    const sections = pollSections(60_000);
    const reader = new PollReader(
      sections.map((section) => ({
        invocation: { ...fixedCommand("mdstat"), id: section.id },
        section,
      })),
    );
    readStableParts(reader);
    const handedOn: string[] = [];
    const parsedBefore: ParsedBefore = (id, text, parser) => {
      const value = reader.parsedBefore(id, text, parser);
      if (value !== undefined) handedOn.push(id);
      return value;
    };
    const reused = buildEvidenceItems(sections, parsedBefore);
    expect(reused).toEqual(buildEvidenceItems(sections));
    expect(handedOn).toEqual(expect.arrayContaining(["lsblk", "mdstat", "mdadm-detail:/dev/md1"]));
    // What the poll did not parse (each member's superblock) the vault parses itself.
    expect(handedOn.some((id) => id.startsWith("mdadm-examine:"))).toBe(false);
  });

  it("does not take the poll's reading of an output other than its own", () => {
    const sections = pollSections(60_000);
    // After the reinstall: the arrays are gone from mdstat, the superblocks from the disks.
    const after = pollSections((marks.reinstalled ?? 0) + 60_000);
    const mdstatOf = (polled: ProbeSection[]) => polled.find((s) => s.id === "mdstat")?.output;
    expect(mdstatOf(after)).not.toBe(mdstatOf(sections));
    const otherTime = new PollReader(
      after.map((section) => ({
        invocation: { ...fixedCommand("mdstat"), id: section.id },
        section,
      })),
    );
    readStableParts(otherTime);
    const items = buildEvidenceItems(sections, (id, text, parser) =>
      otherTime.parsedBefore(id, text, parser),
    );
    expect(items).toEqual(buildEvidenceItems(sections));
  });
});
