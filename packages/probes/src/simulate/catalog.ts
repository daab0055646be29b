/**
 * Drive models and OS releases the fleet draws from. Model names, firmware strings, capacities
 * and WWN vendor prefixes are those real drives report, so the dashboard groups them plausibly.
 */
import type { DiskProtocol, OsRelease } from "./model";

export type DriveKind = "hdd" | "ssd" | "nvme" | "sas";

export type DriveSpec = {
  kind: DriveKind;
  protocol: DiskProtocol;
  vendor: string;
  model: string;
  family: string | null;
  firmware: string;
  capacityBytes: number;
  rotationRate: number;
  physicalBlockSize: number;
  /** First 8 of 16 hex digits of the WWN: NAA 5 plus the IEEE OUI, or the NVMe EUI-64 prefix. */
  wwnPrefix: string;
  /** Serial shape: `#` = digit, `@` = upper-case letter, anything else literal. */
  serialPattern: string;
};

export const DRIVES: readonly DriveSpec[] = [
  {
    kind: "hdd",
    protocol: "ATA",
    vendor: "ATA",
    model: "ST4000NM000A-2HZ100",
    family: "Seagate Exos 7E8",
    firmware: "TN04",
    capacityBytes: 4000787030016,
    rotationRate: 7200,
    physicalBlockSize: 4096,
    wwnPrefix: "5000c500",
    serialPattern: "WS@#@@##",
  },
  {
    kind: "hdd",
    protocol: "ATA",
    vendor: "ATA",
    model: "WDC WD40EFZX-68AWUN0",
    family: "Western Digital Red Plus",
    firmware: "81.00B81",
    capacityBytes: 4000787030016,
    rotationRate: 5400,
    physicalBlockSize: 4096,
    wwnPrefix: "50014ee2",
    serialPattern: "WD-WX#@D##@@@@##",
  },
  {
    kind: "hdd",
    protocol: "ATA",
    vendor: "ATA",
    model: "TOSHIBA MG08ACA16TE",
    family: "Toshiba MG08ACA",
    firmware: "0102",
    capacityBytes: 16000900661248,
    rotationRate: 7200,
    physicalBlockSize: 4096,
    wwnPrefix: "50000399",
    serialPattern: "##@0A0#@@@@@",
  },
  {
    kind: "ssd",
    protocol: "ATA",
    vendor: "ATA",
    model: "Samsung SSD 870 EVO 1TB",
    family: "Samsung based SSDs",
    firmware: "SVT02B6Q",
    capacityBytes: 1000204886016,
    rotationRate: 0,
    physicalBlockSize: 512,
    wwnPrefix: "5002538f",
    serialPattern: "S6PTNL0T######@",
  },
  {
    kind: "ssd",
    protocol: "ATA",
    vendor: "ATA",
    model: "Micron_5300_MTFDDAK1T9TDS",
    family: "Micron 5100 Pro / 52x0 / 5300 SSDs",
    firmware: "D3MU001",
    capacityBytes: 1920383410176,
    rotationRate: 0,
    physicalBlockSize: 4096,
    wwnPrefix: "500a0751",
    serialPattern: "####@###@###",
  },
  {
    kind: "nvme",
    protocol: "NVMe",
    vendor: "NVMe",
    model: "SAMSUNG MZQL23T8HCLS-00A07",
    family: null,
    firmware: "GDC5602Q",
    capacityBytes: 3840755982336,
    rotationRate: 0,
    physicalBlockSize: 512,
    wwnPrefix: "eui.36344630",
    serialPattern: "S64HNE0R######",
  },
  {
    kind: "nvme",
    protocol: "NVMe",
    vendor: "NVMe",
    model: "Micron_7450_MTFDKCB3T8TFR",
    family: null,
    firmware: "E2MU200",
    capacityBytes: 3840755982336,
    rotationRate: 0,
    physicalBlockSize: 512,
    wwnPrefix: "eui.00a07501",
    serialPattern: "####3C######",
  },
  {
    kind: "sas",
    protocol: "SCSI",
    vendor: "SEAGATE",
    model: "ST1800MM0129",
    family: null,
    firmware: "C003",
    capacityBytes: 1800360124416,
    rotationRate: 10000,
    physicalBlockSize: 4096,
    wwnPrefix: "5000c500",
    serialPattern: "WBN#@@##0000E###@###",
  },
  {
    kind: "sas",
    protocol: "SCSI",
    vendor: "HGST",
    model: "HUH721212AL5200",
    family: null,
    firmware: "A925",
    capacityBytes: 12000138625024,
    rotationRate: 7200,
    physicalBlockSize: 4096,
    wwnPrefix: "5000cca2",
    serialPattern: "8@J#@@#@",
  },
];

export function drivesOfKind(kind: DriveKind): DriveSpec[] {
  return DRIVES.filter((drive) => drive.kind === kind);
}

export type OsSpec = { kernel: string; os: OsRelease };

// Verbatim files: quoting differs per distribution (Debian quotes VERSION_ID, RHEL quotes most).
const DEBIAN_12_TEXT = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const UBUNTU_22_TEXT = `PRETTY_NAME="Ubuntu 22.04.5 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.5 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
`;

const ROCKY_9_TEXT = `NAME="Rocky Linux"
VERSION="9.4 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.4"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"
ANSI_COLOR="0;32"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:rocky:rocky:9::baseos"
HOME_URL="https://rockylinux.org/"
BUG_REPORT_URL="https://bugs.rockylinux.org/"
`;

const ALMA_8_TEXT = `NAME="AlmaLinux"
VERSION="8.10 (Cerulean Leopard)"
ID="almalinux"
ID_LIKE="rhel centos fedora"
VERSION_ID="8.10"
PLATFORM_ID="platform:el8"
PRETTY_NAME="AlmaLinux 8.10 (Cerulean Leopard)"
ANSI_COLOR="0;34"
LOGO="fedora-logo-almalinux"
CPE_NAME="cpe:/o:almalinux:almalinux:8::baseos"
HOME_URL="https://almalinux.org/"
`;

const CENTOS_7_TEXT = `NAME="CentOS Linux"
VERSION="7 (Core)"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="7"
PRETTY_NAME="CentOS Linux 7 (Core)"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:centos:centos:7"
HOME_URL="https://www.centos.org/"
BUG_REPORT_URL="https://bugs.centos.org/"
`;

export const DEBIAN_12: OsSpec = {
  kernel: "6.1.0-26-amd64",
  os: { family: "debian", systemdVersion: 252, text: DEBIAN_12_TEXT },
};
export const UBUNTU_22: OsSpec = {
  kernel: "5.15.0-122-generic",
  os: { family: "debian", systemdVersion: 249, text: UBUNTU_22_TEXT },
};
export const ROCKY_9: OsSpec = {
  kernel: "5.14.0-427.42.1.el9_4.x86_64",
  os: { family: "rhel", systemdVersion: 252, text: ROCKY_9_TEXT },
};
export const ALMA_8: OsSpec = {
  kernel: "4.18.0-553.22.1.el8_10.x86_64",
  os: { family: "rhel", systemdVersion: 239, text: ALMA_8_TEXT },
};
export const CENTOS_7: OsSpec = {
  kernel: "3.10.0-1160.119.1.el7.x86_64",
  os: { family: "rhel", systemdVersion: 219, text: CENTOS_7_TEXT },
};
/** RHEL 5 has no /etc/os-release (it arrived with systemd) and no journald. */
export const RHEL_5: OsSpec = {
  kernel: "2.6.18-419.el5",
  os: { family: "rhel", systemdVersion: null, text: null },
};

export const MODERN_RELEASES: readonly OsSpec[] = [DEBIAN_12, UBUNTU_22, ROCKY_9, ALMA_8];

/** `5.14.0-…` → 5: kernels from 5.x print the per-op `errors` column in mountstats. */
export function kernelMajor(kernel: string): number {
  return Number.parseInt(kernel, 10);
}
