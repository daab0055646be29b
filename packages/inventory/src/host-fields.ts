/*
 * Field checks shared by the inventory schema and the importers. Each check returns the reason a
 * value is unusable, or null, so importers can name the line and say why in plain words. Only
 * zod is imported, so the schema can move to @holmes/core unchanged when the admin form needs it.
 */
import { z } from "zod";

/** A host label or group name: what Holmes shows and keys on, not necessarily resolvable. */
export const LABEL_PATTERN = /^[A-Za-z0-9._-]+$/;
export const LABEL_MAX = 253;
export const DEFAULT_SSH_PORT = 22;

// POSIX portable names; 32 is the useradd/shadow limit on Linux.
const USER_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
// Underscores are not DNS but resolve through /etc/hosts, and ssh accepts them.
const HOST_LABEL_PATTERN = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
const ZONE_PATTERN = /^[A-Za-z0-9_.-]+$/;
const PATH_MAX = 4096;
const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

export function checkLabel(name: string, what = "host name"): string | null {
  if (name.length === 0) return `the ${what} is empty`;
  if (name.length > LABEL_MAX) return `the ${what} is longer than ${LABEL_MAX} characters`;
  if (!LABEL_PATTERN.test(name)) {
    return `${quote(name)} is not a usable ${what} (letters, digits, ".", "_" and "-" only)`;
  }
  return null;
}

/** Accepts a host name, an IPv4 address or an IPv6 literal (with an optional %zone). */
export function checkAddress(address: string): string | null {
  const notAddress = `${quote(address)} is not a valid host name or IP address`;
  if (address.includes(":")) return isIpv6(address) ? null : notAddress;
  // Only dotted digits can be IPv4; a failing zod parse builds an error object, which is slow.
  if (/^[\d.]+$/.test(address) && ipv4.safeParse(address).success) return null;
  const bare = address.endsWith(".") ? address.slice(0, -1) : address;
  if (bare.length === 0 || bare.length > LABEL_MAX) return notAddress;
  const labels = bare.split(".");
  if (!labels.every((label) => HOST_LABEL_PATTERN.test(label))) return notAddress;
  // An all-digit last label only occurs in IPv4 literals, so "10.0.0.256" is a typo, not a name.
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) return notAddress;
  return null;
}

function isIpv6(address: string): boolean {
  const [ip = "", zone, ...rest] = address.split("%");
  if (rest.length > 0 || (zone !== undefined && !ZONE_PATTERN.test(zone))) return false;
  return ipv6.safeParse(ip).success;
}

/** Reads a port from text or a YAML number; null when it is not an integer from 1 to 65535. */
export function readPort(value: string | number): number | null {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

export function describeBadPort(value: string | number): string {
  return `${quote(String(value))} is not a number from 1 to 65535`;
}

export function checkUser(user: string): string | null {
  if (USER_PATTERN.test(user)) return null;
  return `${quote(user)} is not a valid user name (up to 32 letters, digits, ".", "_" or "-")`;
}

/** A key *reference*: the path is kept as written and never read here. */
export function checkIdentityFile(path: string): string | null {
  if (path.length === 0) return "the key file path is empty";
  if (path.length > PATH_MAX) return `the key file path is longer than ${PATH_MAX} characters`;
  // Control characters would let a crafted inventory smuggle lines into logs or commands.
  if (hasControlCharacter(path)) return "the key file path contains control characters";
  return null;
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Sorted and without duplicates, the canonical form the schema requires. */
export function normalizeGroups(groups: Iterable<string>): string[] {
  return [...new Set(groups)].sort(compareText);
}

export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** A zod refinement from a check: the check's reason becomes the issue message. */
export const reasonOf =
  (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
    const reason = check(value);
    if (reason !== null) ctx.addIssue({ code: "custom", message: reason });
  };

/** Quotes a value for a message, shortened so garbage input cannot make huge messages. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}
