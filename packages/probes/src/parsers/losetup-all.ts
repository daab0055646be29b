/*
 * `losetup -a`, the only listing of util-linux before 2.19 (RHEL 5 ships 2.13) and the fallback
 * wherever `losetup --list --json` is refused:
 *
 *   /dev/loop0: [0803]:1234567 (/srv/images/rhel-5.11-server-x86_64-dvd.iso)
 *   /dev/loop1: [fd00]:98 (/var/lib/xen/disk.img), offset 32256, sizelimit 1048576
 *   /dev/loop2: [2049]:12 (/mnt/nfs/db1.img (deleted))
 *
 * Source: util-linux losetup.c show_loop() (2.13: "%s: [%04llx]:%llu (%s)", then ", offset %lld",
 * ", sizelimit %lld" and ", encryption %s (type %d)" only when set); 2.21+ prints the backing
 * device in decimal and reads the file name from sysfs, where the kernel appends " (deleted)".
 * Before sysfs (kernels < 2.6.37) the name is the one given at setup, cut to 63 characters
 * (LO_NAME_SIZE). Nothing is printed when no loop device is attached.
 */
import { type LoopDevice, type ParseResult, parsed, parseFailure } from "@holmes/core";

const DELETED = " (deleted)";
const EXPECTED = 'a losetup -a line "/dev/loopN: [DEV]:INODE (FILE)[, offset N][, sizelimit N]"';
// The file name is lazy, so a ")" inside it is kept: only the last ")" before the suffixes ends it.
const LINE =
  /^(\/dev\/\S+): \[([0-9A-Fa-f]+)\]:(\d+) \((.*?)\)(?:, offset (\d+))?(?:, sizelimit (\d+))?(?:, encryption (.+) \(type (\d+)\))?$/;

export function parseLosetupAll(text: string): ParseResult<LoopDevice[]> {
  const devices: LoopDevice[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trimEnd();
    if (line === "") continue;
    const device = toDevice(LINE.exec(line));
    if (device === null) return parseFailure(EXPECTED, line, { line: i + 1 });
    devices.push(device);
  }
  return parsed(devices);
}

function toDevice(match: RegExpExecArray | null): LoopDevice | null {
  if (match === null) return null;
  const [, name = "", , , file = "", offset, sizeLimit] = match;
  const [offsetBytes, limitBytes] = [offset, sizeLimit].map((value) =>
    value === undefined ? 0 : Number(value),
  );
  if (!Number.isSafeInteger(offsetBytes) || !Number.isSafeInteger(limitBytes)) return null;
  const isDeleted = file.endsWith(DELETED);
  return {
    name,
    backFile: isDeleted ? file.slice(0, -DELETED.length) : file,
    backFileDeleted: isDeleted,
    // Printed only when not zero, so their absence is a zero, not an unknown.
    offset: offsetBytes ?? 0,
    sizeLimit: limitBytes ?? 0,
    // `-a` does not show these.
    autoclear: null,
    readOnly: null,
    directIo: null,
    logicalSectorSize: null,
  };
}
