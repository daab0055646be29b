/**
 * Commands that can destroy data when aimed at the wrong disk or run at the wrong moment. A step
 * whose command contains one must carry a ```gate block; the parser refuses it otherwise, so a
 * runbook cannot forget the gate on `mdadm --create` (the issue's whole point).
 *
 * Each pattern is matched against one shell line with comments removed.
 */
const DESTRUCTIVE: readonly { name: string; pattern: RegExp; unless?: RegExp }[] = [
  { name: "mdadm --create", pattern: /\bmdadm\b.*(?:\s--create\b|\s-C\b)/ },
  {
    name: "mdadm --assemble --force",
    pattern: /\bmdadm\b(?=.*(?:\s--assemble\b|\s-A\b))(?=.*(?:\s--force\b|\s-f\b))/,
  },
  { name: "mdadm --zero-superblock", pattern: /\bmdadm\b.*\s--zero-superblock\b/ },
  { name: "mdadm --grow", pattern: /\bmdadm\b.*(?:\s--grow\b|\s-G\b)/ },
  // --list only reads; --test (-t, also inside a cluster such as -tf) is LVM's dry run: it
  // prints what would be restored and writes nothing.
  {
    name: "vgcfgrestore",
    pattern: /\bvgcfgrestore\b/,
    unless: /\s(?:--list|--test|-[A-Za-z]*[lt][A-Za-z]*)(?=\s|$)/,
  },
  { name: "xfs_repair", pattern: /\bxfs_repair\b/, unless: /\s-n\b/ },
  // -n (in a cluster such as -fn) opens read-only and answers "no" to every fix.
  {
    name: "fsck",
    pattern: /\b(?:e2fsck|fsck(?:\.[a-z0-9]+)?)\b/,
    unless: /\s-[A-Za-z]*n[A-Za-z]*\b/,
  },
  { name: "mkfs", pattern: /\bmkfs(?:\.[a-z0-9]+)?\b/ },
  { name: "wipefs", pattern: /\bwipefs\b/, unless: /\s(?:-n|--no-act)\b/ },
  { name: "dd", pattern: /\bdd\b.*\bof=/ },
  {
    name: "sfdisk (write)",
    pattern: /\bsfdisk\b/,
    unless: /\s(?:-d|--dump|-l|--list|-V|--verify)\b/,
  },
  {
    name: "sgdisk (write)",
    pattern: /\bsgdisk\b.*\s(?:-R|-Z|-o|-G|--replicate|--zap-all|--clear)\b/,
  },
  { name: "LVM remove/create", pattern: /\b(?:pvcreate|pvremove|vgremove|lvremove|vgreduce)\b/ },
  { name: "blkdiscard", pattern: /\bblkdiscard\b/ },
];

/** The destructive commands a command template contains, by name (empty when none). */
export function destructiveCommands(command: string): string[] {
  const found = new Set<string>();
  for (const rawLine of command.split("\n")) {
    // Each `|`/`;`/`&&` segment is its own command: `sfdisk -d sda | sfdisk sdb` writes to sdb.
    for (const segment of withoutComment(rawLine).split(/\||;|&&/)) {
      for (const { name, pattern, unless } of DESTRUCTIVE) {
        if (pattern.test(` ${segment}`) && !unless?.test(` ${segment}`)) found.add(name);
      }
    }
  }
  return [...found];
}

function withoutComment(line: string): string {
  const trimmed = line.trimStart();
  if (trimmed.startsWith("#")) return "";
  const hash = line.search(/\s#/);
  return hash === -1 ? line : line.slice(0, hash);
}
