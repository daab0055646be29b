/*
 * The inventory both Ansible importers fill, resolved the way ansible-core does: a host belongs
 * to its groups and all their ancestors; group vars apply from the least specific group to the
 * most (by depth below `all`, then by name, later wins) and host vars beat them all. A host with
 * no group but `all` is in `ungrouped`. A host defined twice keeps its first values.
 */
import {
  type ConnectionField,
  readAnsibleVar,
  setVar,
  type VarEntry,
  type VarScope,
} from "./ansible-vars";
import {
  checkAddress,
  checkLabel,
  compareText,
  DEFAULT_SSH_PORT,
  normalizeGroups,
  quote,
  readPort,
} from "./host-fields";
import type { PreviewBuilder } from "./preview-builder";

type GroupDef = { name: string; vars: VarScope; parents: Set<string>; isLabel: boolean };
type HostDef = { name: string; line: number | null; vars: VarScope; groups: Set<string> };

const ALL = "all";
const UNGROUPED = "ungrouped";

export class AnsibleInventory {
  private readonly groups = new Map<string, GroupDef>();
  private readonly hosts = new Map<string, HostDef>();

  constructor(private readonly builder: PreviewBuilder) {
    this.group(ALL, null);
    this.group(UNGROUPED, null);
  }

  /** Returns the group, creating it on first mention. */
  group(name: string, line: number | null): GroupDef {
    const existing = this.groups.get(name);
    if (existing !== undefined) return existing;
    const reason = name === ALL ? null : checkLabel(name, "group name");
    if (reason !== null) this.builder.warn(line, `${reason}; its hosts are kept without it`);
    const group = { name, vars: new Map(), parents: new Set<string>(), isLabel: reason === null };
    this.groups.set(name, group);
    return group;
  }

  /** Reads one variable into a scope; password variables are refused with a warning. */
  readVar(scope: VarScope, key: string, value: unknown, line: number | null): void {
    const read = readAnsibleVar(key, value, line);
    if (read.kind === "password") {
      this.builder.warn(line, `${key} is not imported; Holmes authenticates with keys only`);
    } else if (read.kind === "entry") {
      setVar(scope, read.entry);
    }
  }

  /** Links a child group; false (after reporting) when the link is refused. */
  addChild(parentName: string, childName: string, line: number | null): boolean {
    if (childName === ALL) {
      this.builder.error(line, `"all" cannot be a child of ${quote(parentName)}; ignored`);
      return false;
    }
    const parent = this.group(parentName, line);
    const child = this.group(childName, line);
    if (childName === parentName || this.ancestorsOf([parentName]).has(childName)) {
      this.builder.error(line, `group ${quote(childName)} would contain itself; ignored`);
      return false;
    }
    if (parentName !== ALL) child.parents.add(parent.name);
    return true;
  }

  addHost(groupName: string, name: string, vars: VarScope, line: number | null): void {
    const reason = checkLabel(name);
    if (reason !== null) {
      const hint = name.includes(":") ? "; name the host and set ansible_host to the address" : "";
      this.builder.error(line, `host ${quote(name)} skipped: ${reason}${hint}`);
      return;
    }
    this.group(groupName, line);
    const host = this.hosts.get(name);
    if (host === undefined) {
      this.hosts.set(name, { name, line, vars: new Map(vars), groups: new Set([groupName]) });
      return;
    }
    host.groups.add(groupName);
    for (const entry of vars.values()) this.mergeHostVar(host, entry);
  }

  /** Resolves every host into the builder. */
  finish(): void {
    for (const host of this.hosts.values()) this.resolveHost(host);
  }

  private mergeHostVar(host: HostDef, entry: VarEntry): void {
    const first = host.vars.get(entry.field);
    if (first === undefined) {
      host.vars.set(entry.field, entry);
    } else if (first.value !== entry.value) {
      const where = first.line === null ? "" : ` on line ${first.line}`;
      this.builder.warn(
        entry.line,
        `host ${quote(host.name)} is defined again with ${entry.key}=${quote(entry.value)}; kept ${first.key}=${quote(first.value)}${where}`,
      );
    }
  }

  private resolveHost(host: HostDef): void {
    const memberOf = this.ancestorsOf(host.groups);
    memberOf.delete(ALL);
    if (memberOf.size > 1) memberOf.delete(UNGROUPED);
    if (memberOf.size === 0) memberOf.add(UNGROUPED);
    const vars = this.effectiveVars(host, memberOf);
    const invalid = [...vars.values()].filter((entry) => entry.reason !== null);
    for (const entry of invalid) {
      this.builder.noteHost(entry.line, "skipped", entry.reason ?? "", host.name);
    }
    if (invalid.length > 0) return;
    const address = vars.get("address")?.value ?? host.name;
    const reason = vars.has("address") ? null : checkAddress(host.name);
    if (reason !== null) {
      this.builder.noteHost(host.line, "skipped", `no ansible_host, and ${reason}`, host.name);
      return;
    }
    const labels = [...memberOf].filter((name) => this.groups.get(name)?.isLabel === true);
    this.builder.addHost({
      name: host.name,
      line: host.line,
      address,
      port: readPort(vars.get("port")?.value ?? "") ?? DEFAULT_SSH_PORT,
      user: vars.get("user")?.value ?? null,
      identityFile: vars.get("identityFile")?.value ?? null,
      groups: normalizeGroups(labels),
    });
  }

  private effectiveVars(host: HostDef, memberOf: Set<string>): Map<ConnectionField, VarEntry> {
    const depths = new Map<string, number>();
    const ordered = [ALL, ...memberOf]
      .map((name) => ({ name, depth: this.depthOf(name, depths) }))
      .sort((a, b) => a.depth - b.depth || compareText(a.name, b.name));
    const vars = new Map<ConnectionField, VarEntry>();
    for (const { name } of ordered) {
      for (const [field, entry] of this.groups.get(name)?.vars ?? []) vars.set(field, entry);
    }
    for (const [field, entry] of host.vars) vars.set(field, entry);
    return vars;
  }

  /** Distance below `all` along the longest path, as ansible-core's Group.depth. */
  private depthOf(name: string, memo: Map<string, number>): number {
    if (name === ALL) return 0;
    const known = memo.get(name);
    if (known !== undefined) return known;
    let depth = 1;
    for (const parent of this.groups.get(name)?.parents ?? []) {
      depth = Math.max(depth, this.depthOf(parent, memo) + 1);
    }
    memo.set(name, depth);
    return depth;
  }

  /** The groups and every group above them (cycles are refused in addChild). */
  private ancestorsOf(names: Iterable<string>): Set<string> {
    const found = new Set<string>();
    const pending = [...names];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (found.has(name)) continue;
      found.add(name);
      pending.push(...(this.groups.get(name)?.parents ?? []));
    }
    return found;
  }
}
