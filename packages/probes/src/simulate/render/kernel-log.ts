/**
 * The kernel log two ways: `journalctl -k -o short-iso --since @N --no-pager` (systemd) and plain
 * `dmesg`, the fallback on hosts without journald, which only holds the running boot.
 *
 *   2024-11-20T10:14:07+00:00 stor-a03 kernel: md/raid10:md2: Disk failure on sdc1, disabling device.
 *   [ 1722.339188] md/raid10:md2: Disk failure on sdc1, disabling device.
 */
import type { HostModel, KernelLogLine } from "../model";
import { isoSeconds } from "./format";

function bootOf(host: HostModel, atMs: number): { id: string; startMs: number } | undefined {
  let current = host.boots[0];
  for (const boot of host.boots) if (boot.startMs <= atMs) current = boot;
  return current;
}

function kernelLines(host: HostModel, fromMs: number, toMs: number): KernelLogLine[] {
  return host.kernelLog
    .filter((l) => l.source === "kernel" && l.atMs >= fromMs && l.atMs <= toMs)
    .sort((a, b) => a.atMs - b.atMs);
}

export function renderJournalctl(host: HostModel, sinceSec: number, atMs: number): string {
  const systemd = host.os.systemdVersion ?? 0;
  const lines = kernelLines(host, sinceSec * 1000, atMs);
  let out = "";
  if (systemd < 246 && lines.length > 0) {
    // journalctl dropped this banner in systemd 246.
    out += `-- Logs begin at ${banner(host.boots[0]?.startMs ?? 0)}, end at ${banner(atMs)}. --\n`;
  }
  if (lines.length === 0) return `${out}-- No entries --\n`;
  let boot = bootOf(host, lines[0]?.atMs ?? 0);
  for (const line of lines) {
    const lineBoot = bootOf(host, line.atMs);
    if (lineBoot && boot && lineBoot.id !== boot.id) {
      out += systemd >= 250 ? `-- Boot ${lineBoot.id} --\n` : "-- Reboot --\n";
      boot = lineBoot;
    }
    out += `${isoSeconds(line.atMs, systemd >= 250)} ${host.hostname} kernel: ${line.message}\n`;
  }
  return out;
}

/** `Tue 2024-11-12 10:00:00 UTC`, journalctl's own timestamp style in that banner. */
function banner(ms: number): string {
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][new Date(ms).getUTCDay()];
  return `${day} ${new Date(Math.floor(ms / 1000) * 1000).toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

export function renderDmesg(host: HostModel, atMs: number): string {
  const boot = bootOf(host, atMs);
  const startMs = boot?.startMs ?? 0;
  return kernelLines(host, startMs, atMs)
    .map((line) => {
      if (!host.hasPrintkTime) return `${line.message}\n`;
      const seconds = ((line.atMs - startMs) / 1000).toFixed(6).padStart(12, " ");
      return `[${seconds}] ${line.message}\n`;
    })
    .join("");
}
