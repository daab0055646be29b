/*
 * The Ansible connection variables Holmes understands (ssh connection plugin, ansible-core
 * 2.14–2.17). Legacy `ansible_ssh_*` names still work; when both spellings are set in the same
 * place, the current name wins. Every other variable is not Holmes' business and is ignored.
 */
import {
  checkAddress,
  checkIdentityFile,
  checkUser,
  describeBadPort,
  quote,
  readPort,
} from "./host-fields";

export type ConnectionField = "address" | "port" | "user" | "identityFile" | "connection";

/** One variable as written; `reason` says why Holmes cannot use it (null when it can). */
export type VarEntry = {
  field: ConnectionField;
  key: string;
  value: string;
  reason: string | null;
  line: number | null;
  /** Orders spellings inside one scope: a current name outranks a legacy one. */
  rank: number;
};
export type VarScope = Map<ConnectionField, VarEntry>;

const CONNECTION_VARS: Record<string, { field: ConnectionField; rank: number }> = {
  ansible_host: { field: "address", rank: 2 },
  ansible_ssh_host: { field: "address", rank: 1 },
  ansible_port: { field: "port", rank: 2 },
  ansible_ssh_port: { field: "port", rank: 1 },
  ansible_user: { field: "user", rank: 2 },
  ansible_ssh_user: { field: "user", rank: 1 },
  ansible_ssh_private_key_file: { field: "identityFile", rank: 2 },
  ansible_private_key_file: { field: "identityFile", rank: 1 },
  ansible_connection: { field: "connection", rank: 2 },
};
const PASSWORD_VARS = new Set(["ansible_password", "ansible_ssh_pass", "ansible_ssh_password"]);
const SSH_CONNECTIONS = new Set([
  "ssh",
  "smart",
  "paramiko",
  "paramiko_ssh",
  "ansible.builtin.ssh",
  "ansible.builtin.paramiko_ssh",
  "ansible.legacy.ssh",
]);

export type VarRead = { kind: "entry"; entry: VarEntry } | { kind: "password" } | { kind: "other" };

/** `value` is a string from INI or any YAML scalar. */
export function readAnsibleVar(key: string, value: unknown, line: number | null): VarRead {
  if (PASSWORD_VARS.has(key)) return { kind: "password" };
  const spec = CONNECTION_VARS[key];
  if (spec === undefined) return { kind: "other" };
  const text = typeof value === "string" || typeof value === "number" ? String(value) : null;
  const entry = { ...spec, key, value: text ?? "", line };
  if (text === null) {
    const problem =
      value === null || value === undefined ? "has no value" : "is not a string or a number";
    return { kind: "entry", entry: { ...entry, reason: `${key} ${problem}` } };
  }
  const reason = /\{\{|\{%/.test(text)
    ? `${key} ${quote(text)} is a Jinja template, which Holmes cannot evaluate`
    : checkVar(spec.field, key, text);
  return { kind: "entry", entry: { ...entry, reason } };
}

function checkVar(field: ConnectionField, key: string, value: string): string | null {
  const prefix = (reason: string | null) => (reason === null ? null : `${key} ${reason}`);
  switch (field) {
    case "address":
      return prefix(checkAddress(value));
    case "port":
      return readPort(value) === null ? `${key} ${describeBadPort(value)}` : null;
    case "user":
      return prefix(checkUser(value));
    case "identityFile":
      return prefix(checkIdentityFile(value));
    case "connection":
      return SSH_CONNECTIONS.has(value) ? null : `${key} ${quote(value)} is not SSH`;
  }
}

/** Sets a variable in one scope: a later line wins unless it is a legacy name under a current one. */
export function setVar(scope: VarScope, entry: VarEntry): void {
  const existing = scope.get(entry.field);
  if (existing === undefined || entry.rank >= existing.rank) scope.set(entry.field, entry);
}
