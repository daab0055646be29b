/**
 * bench/parsers: median µs per parse and MB/s for every format, and for a whole host snapshot
 * (mdstat + 2 × mdadm --detail + 12 smartctl JSON + lsblk + mountinfo + mountstats with 10 NFS
 * mounts + 500 kernel log lines). Target: a whole snapshot in under 1 ms.
 *
 * Run: node --import tsx bench/parsers.ts   (reads ../shared/fixtures when present, else the
 * project's own fixtures).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PARSERS } from "@holmes/probes/parsers";

const root = resolve(import.meta.dirname, "..");
const shared = join(root, "../shared/fixtures");
const own = join(root, "packages/probes/src/parsers/__fixtures__");

function read(dir: string, folder: string, file: string): string {
  return readFileSync(join(dir, folder, file), "utf8");
}

/** Every fixture of a format folder (shared and own), so the per-format figure is an average input. */
function corpus(folder: string): string[] {
  const texts: string[] = [];
  for (const dir of [shared, own]) {
    const path = join(dir, folder);
    if (!existsSync(path)) continue;
    for (const file of readdirSync(path).sort()) texts.push(read(dir, folder, file));
  }
  return texts;
}

type Figure = { medianMicros: number; megabytesPerSecond: number; bytes: number };

/** Runs `work` in timed batches and reports the median batch, per call. */
function measure(work: () => void, bytes: number, minBatchMs = 20, batches = 25): Figure {
  let perBatch = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) work();
    if (Number(process.hrtime.bigint() - start) / 1e6 >= minBatchMs) break;
    perBatch *= 2;
  }
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e3 / perBatch);
  }
  samples.sort((a, b) => a - b);
  const medianMicros = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
  return { medianMicros, bytes, megabytesPerSecond: bytes / 1e6 / (medianMicros / 1e6) };
}

const FORMAT_FOLDERS: Record<string, string[]> = {
  mdstat: ["mdstat"],
  "mdadm-detail": ["mdadm-detail"],
  "mdadm-examine": ["mdadm-examine"],
  smartctl: ["smartctl-json"],
  lsblk: ["lsblk"],
  findmnt: ["findmnt"],
  mountinfo: ["mountinfo", "proc-mounts"],
  mountstats: ["mountstats"],
  losetup: ["losetup"],
  lvm: ["lvm", "vgcfgbackup"],
  kmsg: ["kmsg"],
};

function benchFormats() {
  console.log("format          inputs   bytes/input   median µs/parse      MB/s");
  for (const [format, folders] of Object.entries(FORMAT_FOLDERS)) {
    const parse = PARSERS[format];
    const inputs = folders.flatMap(corpus);
    if (!parse || inputs.length === 0) continue;
    const bytes = inputs.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const figure = measure(() => {
      for (const text of inputs) parse(text);
    }, bytes);
    const perInput = figure.medianMicros / inputs.length;
    console.log(
      `${format.padEnd(15)} ${String(inputs.length).padStart(6)} ${String(Math.round(bytes / inputs.length)).padStart(13)} ${perInput.toFixed(1).padStart(17)} ${figure.megabytesPerSecond.toFixed(1).padStart(9)}`,
    );
  }
}

/** Ten NFS mounts: the NFS stanza of a real mountstats capture, repeated under ten mount points. */
function tenNfsMounts(): string {
  const source = corpus("mountstats").find((text) => text.includes("fstype nfs")) ?? "";
  const stanza = source.split(/\n(?=device )/).find((part) => / with fstype nfs/.test(part)) ?? "";
  return Array.from({ length: 10 }, (_, i) =>
    stanza.replace(/ mounted on \S+/, ` mounted on /mnt/nfs/share${i}`),
  ).join("\n");
}

function fiveHundredKernelLines(): string {
  const lines = corpus("kmsg").flatMap((text) => text.split("\n").filter(Boolean));
  return Array.from({ length: 500 }, (_, i) => lines[i % lines.length]).join("\n");
}

/** The collector asks for `smartctl --json=c` (compact), so the snapshot parses compact JSON too. */
function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function hostSnapshot(): Array<[string, string]> {
  const detail = corpus("mdadm-detail");
  const smart = corpus("smartctl-json").map(compactJson);
  const lsblk = corpus("lsblk").find((text) => text.trimStart().startsWith("{")) ?? "";
  return [
    ["mdstat", corpus("mdstat").find((t) => t.includes("raid10")) ?? ""],
    ["mdadm-detail", detail[0] ?? ""],
    ["mdadm-detail", detail[1] ?? ""],
    ...Array.from({ length: 12 }, (_, i): [string, string] => [
      "smartctl",
      smart[i % smart.length] ?? "",
    ]),
    ["lsblk", lsblk],
    ["mountinfo", corpus("mountinfo")[0] ?? ""],
    ["mountstats", tenNfsMounts()],
    ["kmsg", fiveHundredKernelLines()],
  ];
}

function benchSnapshot() {
  const snapshot = hostSnapshot();
  for (const [format, text] of snapshot) {
    const result = PARSERS[format]?.(text);
    if (!result?.ok)
      throw new Error(`snapshot input for ${format} does not parse: ${JSON.stringify(result)}`);
  }
  const bytes = snapshot.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);
  const figure = measure(() => {
    for (const [format, text] of snapshot) PARSERS[format]?.(text);
  }, bytes);
  console.log(
    `\nwhole host snapshot (${snapshot.length} outputs, ${(bytes / 1024).toFixed(0)} KiB): median ${figure.medianMicros.toFixed(0)} µs per snapshot, ${figure.megabytesPerSecond.toFixed(1)} MB/s — target < 1000 µs: ${figure.medianMicros < 1000 ? "met" : "MISSED"}`,
  );
}

console.log(
  `bench/parsers on Node ${process.version}, corpus: ${existsSync(shared) ? "../shared/fixtures + own" : "own fixtures only"}\n`,
);
benchFormats();
benchSnapshot();
