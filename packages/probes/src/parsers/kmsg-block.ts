/*
 * Block layer, SCSI, libata, swiotlb and whole-kernel trouble:
 *
 *   blk_update_request: I/O error, dev sdb, sector 12345 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0
 *   end_request: I/O error, dev sdc, sector 123                                      (≤ 3.x)
 *   Buffer I/O error on dev sdb1, logical block 0, async page read
 *   sd 0:1:0:0: [sdb] tag#5 Sense Key : Medium Error [current]
 *   ata3.00: failed command: READ FPDMA QUEUED              ata3: hard resetting link
 *   DMA: Out of SW-IOMMU space for 65536 bytes at device 0000:03:00.0
 *   nvme 0000:01:00.0: swiotlb buffer is full (sz: 524288 bytes), total 32768 (slots), used 120 (slots)
 *
 * Source: block/blk-core.c (blk_update_request → blk_print_req_error in 4.17+, bare "I/O error"
 * in 5.x+), fs/buffer.c, drivers/scsi/scsi_logging.c, drivers/ata/libata-eh.c, lib/swiotlb.c →
 * kernel/dma/swiotlb.c (the SW-IOMMU wording is 2.6.x – 4.x), kernel/hung_task.c.
 */
import type { KernelEvent } from "@holmes/core";
import { applyRules, deviceEvent, kernelEvent, kernelRules, toSafeInt } from "./kmsg-rules";
import { ataPortEnd } from "./kmsg-scan";

const BLOCK_TAIL = /^, dev ([^,\s]+), sector (\d+)(?: op 0x[0-9a-fA-F]+:\((\w+)\))?/;
/** libata words for a link that is being reset or slowed down: trouble, not yet data loss. */
const ATA_LINK = /reset|link down|limiting SATA link speed|slow to respond/;
const ATA_FAILURE =
  /^(?:failed command|exception Emask|status: \{|error: \{|SError: \{|COMRESET failed|revalidation failed|failed to|disabled|qc timeout)/;

/** `ata3: ` or `ata3.00: ` then the libata message. */
export function classifyAta(message: string): KernelEvent | null {
  const portEnd = ataPortEnd(message);
  if (portEnd === -1) return null;
  const rest = message.slice(portEnd + 2);
  const device = message.slice(0, portEnd);
  const command = rest.startsWith("failed command: ")
    ? /^failed command: (.{1,60})$/.exec(rest)
    : null;
  if (command) {
    const event = deviceEvent("ata_error", "error", device, "failed command");
    event.operation = command[1] ?? null;
    return event;
  }
  if (ATA_FAILURE.test(rest)) return deviceEvent("ata_error", "error", device, rest.slice(0, 120));
  if (ATA_LINK.test(rest)) return deviceEvent("ata_error", "warning", device, rest.slice(0, 120));
  return null;
}

const PREFIXED_RULES = kernelRules([
  {
    pattern: /^Buffer I\/O error on (?:dev|device) ([^,\s]+), logical block (\d+)(?:, (.{1,60}))?/,
    build: (m) => {
      const event = deviceEvent(
        "block_io_error",
        "error",
        m[1] ?? null,
        m[3] ?? "buffer I/O error",
      );
      event.block = toSafeInt(m[2]);
      return event;
    },
  },
  {
    pattern: /^(?:PCI-)?DMA: Out of SW-IOMMU space for (\d+) bytes at device (\S+)/,
    build: (m) => {
      const event = kernelEvent("swiotlb_full", "error");
      event.bytes = toSafeInt(m[1]);
      event.device = m[2] ?? null;
      return event;
    },
  },
  {
    pattern: /^INFO: task (.{1,64}):(\d+) blocked for more than (\d+) seconds/,
    build: (m) => {
      const event = kernelEvent("hung_task", "error");
      event.detail = `${m[1]} (pid ${m[2]}) blocked > ${m[3]} s`;
      return event;
    },
  },
  {
    pattern: /^(?:general protection fault|BUG: |Oops: |Kernel panic - not syncing)/,
    build: (m) => {
      const event = kernelEvent("kernel_oops", "critical");
      event.detail = m.input.slice(0, 120);
      return event;
    },
  },
]);

/** Lines recognisable by how they start (`Buffer I/O error`, `DMA:`, `INFO: task`, `BUG:`). */
export function classifyBlockPrefixed(message: string): KernelEvent | null {
  switch (message.charCodeAt(0)) {
    case 66: // B
    case 80: // P
    case 68: // D
    case 73: // I
    case 103: // g
    case 79: // O
    case 75: // K
      return applyRules(PREFIXED_RULES, message);
    default:
      return null;
  }
}

/**
 * Where `, dev `, `Sense Key : `, `rejecting I/O to offline device` and `swiotlb buffer is full`
 * first occur in a message (-1: nowhere), found by the caller's one scan of the line.
 */
export type BlockPhrases = { dev: number; senseKey: number; offline: number; swiotlb: number };

/**
 * Lines whose telling words follow a prefix that varies by kernel (`blk_update_request: `,
 * `print_req_error: `, none) or by device (`sd 0:1:0:0: [sdb] `, `nvme 0000:01:00.0: `).
 */
export function classifyBlockAnywhere(message: string, phrases: BlockPhrases): KernelEvent | null {
  const dev = phrases.dev;
  const tail = dev > 0 ? BLOCK_TAIL.exec(message.slice(dev)) : null;
  if (tail) return blockIoError(message, dev, tail);
  // Without a readable tail, a `, sector ` further on still marks a block line: no event.
  if (dev > 0 && message.includes(", sector ", dev)) return null;
  if (phrases.senseKey !== -1) return senseKey(message);
  if (phrases.offline !== -1) return offline(message);
  if (phrases.swiotlb !== -1) return swiotlbFull(message, phrases.swiotlb);
  return null;
}

/** `<phrase>, dev sdb, sector 123 [op 0x0:(READ)]`, with the tail from `, dev` on matched. */
function blockIoError(message: string, dev: number, tail: RegExpExecArray): KernelEvent | null {
  // The phrase before ", dev": "I/O error", "critical medium error", "critical target error"…
  const head = message.slice(0, dev);
  const colon = head.lastIndexOf(": ");
  const phrase = head.slice(colon === -1 ? 0 : colon + 2);
  if (!phrase.endsWith("error")) return null;
  const event = deviceEvent("block_io_error", "error", tail[1] ?? null, phrase.slice(0, 60));
  event.sector = toSafeInt(tail[2]);
  event.operation = tail[3] ?? null;
  return event;
}

/** Medium/Hardware errors mean the drive itself failed; Unit Attention and friends are routine. */
function senseKey(message: string): KernelEvent | null {
  const key = /Sense Key : ([A-Za-z ]{1,30}?)\s*(?:\[|$)/.exec(message)?.[1];
  if (key !== "Medium Error" && key !== "Hardware Error" && key !== "Aborted Command") return null;
  const device = /\[([a-z]+\d*)\]/.exec(message)?.[1] ?? null;
  const severity = key === "Aborted Command" ? "warning" : "error";
  return deviceEvent("scsi_sense_error", severity, device, key);
}

function offline(message: string): KernelEvent {
  const match = /^(?:sd|scsi) (\d+:\d+:\d+:\d+): (?:\[([a-z]+\d*)\] )?/.exec(message);
  const device = match?.[2] ?? match?.[1] ?? null;
  return deviceEvent("block_device_offline", "error", device, "rejecting I/O to offline device");
}

/** `<driver> <bus id>: swiotlb buffer is full (sz: N bytes)…`; the bus id names the device. */
function swiotlbFull(message: string, at: number): KernelEvent {
  const prefix = message.slice(0, at).trimEnd();
  const device = prefix.endsWith(":") ? prefix.slice(prefix.lastIndexOf(" ") + 1, -1) : null;
  const bytes = /^swiotlb buffer is full \(sz: (\d+) bytes\)/.exec(message.slice(at))?.[1];
  const event = kernelEvent("swiotlb_full", "error");
  event.device = device || null;
  event.bytes = toSafeInt(bytes);
  return event;
}
