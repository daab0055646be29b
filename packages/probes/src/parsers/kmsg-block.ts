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
import { applyRules, kernelEvent, kernelRules, toSafeInt } from "./kmsg-rules";

const BLOCK_TAIL = /^, dev ([^,\s]+), sector (\d+)(?: op 0x[0-9a-fA-F]+:\((\w+)\))?/;
const ATA_PREFIX = /^(ata\d+(?:\.\d+)?): /;
/** libata words for a link that is being reset or slowed down: trouble, not yet data loss. */
const ATA_LINK = /reset|link down|limiting SATA link speed|slow to respond/;
const ATA_FAILURE =
  /^(?:failed command|exception Emask|status: \{|error: \{|SError: \{|COMRESET failed|revalidation failed|failed to|disabled|qc timeout)/;

export function classifyAta(message: string): KernelEvent | null {
  const prefix = ATA_PREFIX.exec(message);
  if (!prefix) return null;
  const rest = message.slice(prefix[0].length);
  const device = prefix[1] ?? null;
  const command = /^failed command: (.{1,60})$/.exec(rest);
  if (command) {
    return kernelEvent("ata_error", "error", {
      device,
      operation: command[1] ?? null,
      detail: "failed command",
    });
  }
  if (ATA_FAILURE.test(rest))
    return kernelEvent("ata_error", "error", { device, detail: rest.slice(0, 120) });
  if (ATA_LINK.test(rest))
    return kernelEvent("ata_error", "warning", { device, detail: rest.slice(0, 120) });
  return null;
}

const PREFIXED_RULES = kernelRules([
  {
    pattern: /^Buffer I\/O error on (?:dev|device) ([^,\s]+), logical block (\d+)(?:, (.{1,60}))?/,
    build: (m) =>
      kernelEvent("block_io_error", "error", {
        device: m[1] ?? null,
        block: toSafeInt(m[2]),
        detail: m[3] ?? "buffer I/O error",
      }),
  },
  {
    pattern: /^(?:PCI-)?DMA: Out of SW-IOMMU space for (\d+) bytes at device (\S+)/,
    build: (m) =>
      kernelEvent("swiotlb_full", "error", { bytes: toSafeInt(m[1]), device: m[2] ?? null }),
  },
  {
    pattern: /^INFO: task (.{1,64}):(\d+) blocked for more than (\d+) seconds/,
    build: (m) =>
      kernelEvent("hung_task", "error", { detail: `${m[1]} (pid ${m[2]}) blocked > ${m[3]} s` }),
  },
  {
    pattern: /^(?:general protection fault|BUG: |Oops: |Kernel panic - not syncing)/,
    build: (m) => kernelEvent("kernel_oops", "critical", { detail: m.input.slice(0, 120) }),
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
 * Lines whose telling words follow a prefix that varies by kernel (`blk_update_request: `,
 * `print_req_error: `, none) or by device (`sd 0:1:0:0: [sdb] `, `nvme 0000:01:00.0: `).
 */
export function classifyBlockAnywhere(message: string): KernelEvent | null {
  const dev = message.indexOf(", dev ");
  if (dev > 0 && message.includes(", sector ", dev)) return blockIoError(message, dev);
  if (message.includes("Sense Key : ")) return senseKey(message);
  if (message.includes("rejecting I/O to offline device")) return offline(message);
  const swiotlb = message.indexOf("swiotlb buffer is full");
  if (swiotlb !== -1) return swiotlbFull(message, swiotlb);
  return null;
}

function blockIoError(message: string, dev: number): KernelEvent | null {
  const tail = BLOCK_TAIL.exec(message.slice(dev));
  if (!tail) return null;
  // The phrase before ", dev": "I/O error", "critical medium error", "critical target error"…
  const head = message.slice(0, dev);
  const colon = head.lastIndexOf(": ");
  const phrase = head.slice(colon === -1 ? 0 : colon + 2);
  if (!/error$/.test(phrase)) return null;
  return kernelEvent("block_io_error", "error", {
    device: tail[1] ?? null,
    sector: toSafeInt(tail[2]),
    operation: tail[3] ?? null,
    detail: phrase.slice(0, 60),
  });
}

/** Medium/Hardware errors mean the drive itself failed; Unit Attention and friends are routine. */
function senseKey(message: string): KernelEvent | null {
  const key = /Sense Key : ([A-Za-z ]{1,30}?)\s*(?:\[|$)/.exec(message)?.[1];
  if (key !== "Medium Error" && key !== "Hardware Error" && key !== "Aborted Command") return null;
  const device = /\[([a-z]+\d*)\]/.exec(message)?.[1] ?? null;
  return kernelEvent("scsi_sense_error", key === "Aborted Command" ? "warning" : "error", {
    device,
    detail: key,
  });
}

function offline(message: string): KernelEvent {
  const match = /^(?:sd|scsi) (\d+:\d+:\d+:\d+): (?:\[([a-z]+\d*)\] )?/.exec(message);
  return kernelEvent("block_device_offline", "error", {
    device: match?.[2] ?? match?.[1] ?? null,
    detail: "rejecting I/O to offline device",
  });
}

/** `<driver> <bus id>: swiotlb buffer is full (sz: N bytes)…`; the bus id names the device. */
function swiotlbFull(message: string, at: number): KernelEvent {
  const prefix = message.slice(0, at).trimEnd();
  const device = prefix.endsWith(":") ? (prefix.slice(0, -1).split(" ").pop() ?? null) : null;
  const bytes = /^swiotlb buffer is full \(sz: (\d+) bytes\)/.exec(message.slice(at))?.[1];
  return kernelEvent("swiotlb_full", "error", { device: device || null, bytes: toSafeInt(bytes) });
}
