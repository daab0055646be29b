import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds used so far by other processes (the simulator, the database), read from
 * /proc: they run outside the collector, on the same two cores. A pid that is gone counts 0.
 */
export function processCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Exited, or not Linux: nothing to add.
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * A process's peak RSS (VmHWM): this one's by default, or another's by pid (0 once it is gone).
 * Not `process.resourceUsage().maxRSS`: Linux carries the high-water mark of the forked parent's
 * address space across exec, so a child spawned by a big parent (PGlite lives in the bench's main
 * process) would report the parent's size.
 */
export function peakRssMb(pid: number | "self" = "self"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kib) return Number(kib) / 1024;
  } catch {
    // Gone, or not Linux.
  }
  // Not Linux: this process falls back to getrusage.
  return pid === "self" ? process.resourceUsage().maxRSS / 1024 : 0;
}
