import { loadavg } from "node:os";
import type { ToolRun } from "./children";
import type { CycleFigures, WorkerFigures } from "./collector-worker";

export type ToolFigures = {
  hosts: number;
  ansibleCold: ToolRun | null;
  ansibleWarm: ToolRun | null;
  /** Set when ansible was not run at this size: its warm time scaled from a smaller run. */
  ansibleWarmExtrapolatedMs: number | null;
  ansibleNote: string;
  parallelSsh: ToolRun | null;
};

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function perHost(cycle: CycleFigures, count: number): string {
  const hosts = Object.values(cycle.statuses).reduce((sum, n) => sum + n, 0);
  return (count / Math.max(1, hosts)).toFixed(1);
}

export function loadLine(): string {
  return `loadavg ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`;
}

export function steadyMedian(figures: WorkerFigures): CycleFigures | undefined {
  const steady = figures.cycles
    .filter((c) => c.label === "steady")
    .sort((a, b) => a.wallMs - b.wallMs);
  return steady[Math.floor(steady.length / 2)];
}

export function printCycles(figures: WorkerFigures): void {
  console.log(
    "  cycle             wall s   cpu s (collector/sim/db)   db write s: sum / busy   other tx s   stmts/host (writes)   list ms   host p50/p99 ms   rss/heap/ext/peak MB   statuses",
  );
  for (const c of figures.cycles) {
    const statuses = Object.entries(c.statuses)
      .map(([status, n]) => `${status} ${n}`)
      .join(", ");
    console.log(
      `  ${c.label.padEnd(16)} ${seconds(c.wallMs).padStart(7)} ${`${seconds(c.cpuMs)} / ${seconds(c.simCpuMs)} / ${seconds(c.dbCpuMs)}`.padStart(26)} ${`${seconds(c.dbWriteSumMs)} / ${seconds(c.dbWriteBusyMs)}`.padStart(24)} ${seconds(c.otherTxSumMs).padStart(12)} ${perHost(c, c.statements).padStart(12)} (${perHost(c, c.writeStatements)}) ${c.listMs.toFixed(0).padStart(9)} ${`${c.hostP50Ms} / ${c.hostP99Ms}`.padStart(17)} ${`${c.rssMb.toFixed(0)}/${c.heapMb.toFixed(0)}/${c.externalMb.toFixed(0)}/${c.peakRssMb.toFixed(0)}`.padStart(20)}   ${statuses}`,
    );
  }
  const cpu = figures.cycles.reduce((sum, c) => sum + c.cpuMs, 0);
  console.log(
    `  collector process: ${seconds(cpu)} CPU s over ${figures.cycles.length} cycles, peak RSS ${figures.peakRssMb.toFixed(0)} MB (${figures.startupPeakMb.toFixed(0)} MB before the first cycle), ${figures.cycles.at(-1)?.connectionsOpened ?? 0} SSH connections opened`,
  );
}

function describeRun(run: ToolRun | null, hosts: number): string {
  if (!run) return "not run";
  return `${seconds(run.wallMs).padStart(7)} s   (${run.matches}/${hosts} hosts answered, exit ${run.code})`;
}

export function printTools(tools: ToolFigures): void {
  console.log(`  ansible -m raw, cold        ${describeRun(tools.ansibleCold, tools.hosts)}`);
  console.log(`  ansible -m raw, warm        ${describeRun(tools.ansibleWarm, tools.hosts)}`);
  if (tools.ansibleWarmExtrapolatedMs !== null) {
    console.log(
      `  ansible -m raw, warm        ${seconds(tools.ansibleWarmExtrapolatedMs).padStart(7)} s   EXTRAPOLATED: ${tools.ansibleNote}`,
    );
  }
  console.log(`  parallel-ssh (2nd run)      ${describeRun(tools.parallelSsh, tools.hosts)}`);
}

/** Warm ansible's time: measured when it was run here, else the clearly labelled extrapolation. */
export function ansibleWarmMs(tools: ToolFigures): { ms: number; isExtrapolated: boolean } | null {
  if (tools.ansibleWarm) return { ms: tools.ansibleWarm.wallMs, isExtrapolated: false };
  if (tools.ansibleWarmExtrapolatedMs !== null)
    return { ms: tools.ansibleWarmExtrapolatedMs, isExtrapolated: true };
  return null;
}

/**
 * Tool time ÷ Holmes time (above 1: Holmes is faster), against Holmes' steady cycle (what the
 * target is about) and against poll + parse alone (the transport and parsers without the store).
 */
export function printRatios(
  steady: CycleFigures,
  pollOnly: CycleFigures | undefined,
  tools: ToolFigures,
): void {
  const ansible = ansibleWarmMs(tools);
  const label = ansible?.isExtrapolated ? " (ansible EXTRAPOLATED)" : "";
  const line = (name: string, toolMs: number, cycle: CycleFigures) =>
    console.log(`  ${name.padEnd(58)} ${(toolMs / cycle.wallMs).toFixed(1).padStart(6)}×`);
  if (ansible) line(`Holmes steady cycle vs warm ansible -m raw${label}`, ansible.ms, steady);
  if (tools.parallelSsh)
    line("Holmes steady cycle vs parallel-ssh", tools.parallelSsh.wallMs, steady);
  if (pollOnly) {
    if (ansible)
      line(`Holmes poll+parse only vs warm ansible -m raw${label}`, ansible.ms, pollOnly);
    if (tools.parallelSsh)
      line("Holmes poll+parse only vs parallel-ssh", tools.parallelSsh.wallMs, pollOnly);
  }
}

export type Target = { name: string; actual: string; isMet: boolean | null };

export function printTargets(targets: readonly Target[]): void {
  for (const t of targets) {
    const verdict = t.isMet === null ? "n/a " : t.isMet ? "PASS" : "FAIL";
    console.log(`  ${verdict}  ${t.name.padEnd(48)} ${t.actual}`);
  }
}
