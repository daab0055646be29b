import { describe, expect, it } from "vitest";
import { destructiveCommands } from "./destructive";

describe("destructiveCommands", () => {
  it.each([
    ["mdadm --create /dev/md0 --level=1 -n2 /dev/sda1 /dev/sdb1", "mdadm --create"],
    ["mdadm -C /dev/md0 -l1 -n2 /dev/sda1 missing", "mdadm --create"],
    ["mdadm --assemble --force /dev/md0 /dev/sd[ab]1", "mdadm --assemble --force"],
    ["mdadm -A -f /dev/md0", "mdadm --assemble --force"],
    ["mdadm --zero-superblock /dev/sdb1", "mdadm --zero-superblock"],
    ["mdadm --grow /dev/md2 --raid-devices=6", "mdadm --grow"],
    ["vgcfgrestore -f /root/vg0.vgcfg vg0", "vgcfgrestore"],
    ["vgcfgrestore -f /root/test.vgcfg vg0", "vgcfgrestore"],
    ["vgcfgrestore --force -f /root/vg0.vgcfg vg0", "vgcfgrestore"],
    ["vgcfgrestore -f /etc/lvm/backup/vg-test vg-test", "vgcfgrestore"],
    [
      "vgcfgrestore --test -f /root/vg0.vgcfg vg0 && vgcfgrestore -f /root/vg0.vgcfg vg0",
      "vgcfgrestore",
    ],
    [
      "vgcfgrestore --test -f /root/vg0.vgcfg vg0\nvgcfgrestore -f /root/vg0.vgcfg vg0",
      "vgcfgrestore",
    ],
    ["xfs_repair /dev/loop3", "xfs_repair"],
    ["xfs_repair -L /dev/loop3", "xfs_repair"],
    ["e2fsck -fy /dev/vg0/data", "fsck"],
    ["mkfs.xfs /dev/md0", "mkfs"],
    ["wipefs -a /dev/sdb", "wipefs"],
    ["dd if=/dev/zero of=/dev/sdb bs=1M count=1", "dd"],
    ["sfdisk -d /dev/sda | sfdisk /dev/sdb", "sfdisk (write)"],
    ["sgdisk -R /dev/sdb /dev/sda", "sgdisk (write)"],
    ["sudo pvcreate --uuid x --restorefile f /dev/md1", "LVM remove/create"],
    ["blkdiscard /dev/nvme0n1", "blkdiscard"],
  ])("%s", (command, name) => {
    expect(destructiveCommands(command)).toContain(name);
  });

  it.each([
    "mdadm --detail /dev/md0",
    "mdadm --examine /dev/sdb1",
    "mdadm --manage /dev/md0 --fail /dev/sdb1",
    "mdadm /dev/md0 -f /dev/sdb1",
    "mdadm --stop /dev/md127",
    "mdadm --assemble --readonly --run /dev/md1 /dev/sdb1",
    "vgcfgrestore --list vg0",
    "vgcfgrestore -l vg0",
    "vgcfgrestore --test -f /root/vg0.vgcfg vg0",
    "vgcfgrestore -t -f /root/vg0.vgcfg vg0",
    "vgcfgrestore -tf /root/vg0.vgcfg vg0",
    "vgcfgrestore -f /root/vg0.vgcfg --test vg0",
    "xfs_repair -n /dev/loop3",
    "e2fsck -fn /dev/vg0/data",
    "fsck -n /dev/sda1",
    "sfdisk -d /dev/sda",
    "head -c 1048576 /srv/x.img > /dev/null",
    "# mdadm --create would be wrong here",
    "echo done # then mkfs later",
  ])("%s is not destructive", (command) => {
    expect(destructiveCommands(command)).toEqual([]);
  });
});
