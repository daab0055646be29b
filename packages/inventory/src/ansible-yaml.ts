/*
 * Imports an Ansible YAML inventory (ansible-core `yaml` inventory plugin, 2.14–2.17):
 *
 *   all:
 *     vars: { ansible_user: ops }
 *     children:
 *       storage:
 *         hosts:
 *           stor-[01:03].example.com:
 *           nas01: { ansible_host: 10.0.0.9, ansible_port: 2222 }
 *
 * Top-level groups other than `all` are children of `all`, as in ansible-core. A file with YAML
 * syntax errors imports nothing: a half-read tree could put hosts in the wrong groups.
 */
import { AnsibleInventory } from "./ansible-model";
import type { VarScope } from "./ansible-vars";
import type { ImportPreview } from "./host-entry";
import { quote } from "./host-fields";
import { expandHostPattern } from "./host-range";
import { PreviewBuilder } from "./preview-builder";
import { type YamlPair, YamlSource } from "./yaml-source";

// Aliases can point at their own ancestors (`a: &x {children: {b: *x}}`).
const MAX_DEPTH = 32;

export function importAnsibleYaml(text: string): ImportPreview {
  const builder = new PreviewBuilder(text, "ansible-yaml");
  const source = YamlSource.parse(text, builder);
  if (source === null) return builder.finish();
  const walker = new InventoryWalker(source, builder);
  walker.readRoot();
  return walker.finish();
}

class InventoryWalker {
  private readonly inventory: AnsibleInventory;

  constructor(
    private readonly yaml: YamlSource,
    private readonly builder: PreviewBuilder,
  ) {
    this.inventory = new AnsibleInventory(builder);
  }

  finish(): ImportPreview {
    this.inventory.finish();
    return this.builder.finish();
  }

  readRoot(): void {
    const root = this.yaml.resolve(this.yaml.doc.contents);
    if (root === null || this.yaml.isEmpty(root)) return;
    const pairs = this.yaml.pairsOf(root);
    if (pairs === null) {
      const message = 'the top level must map group names (usually "all") to groups';
      this.builder.error(this.yaml.lineOf(root), message);
      return;
    }
    for (const pair of pairs) this.readGroup(pair, null, 0);
  }

  private readGroup(pair: YamlPair, parent: string | null, depth: number): void {
    const line = this.yaml.lineOf(pair.key);
    const name = this.yaml.keyText(pair.key);
    if (name === null || depth > MAX_DEPTH) {
      const reason =
        name === null
          ? "a group name must be a plain string"
          : `groups nest deeper than ${MAX_DEPTH} levels; ${quote(name)} skipped`;
      this.builder.error(line, reason);
      return;
    }
    this.inventory.group(name, line);
    if (parent !== null && !this.inventory.addChild(parent, name, line)) return;
    const message = `group ${quote(name)} must be a mapping with hosts, vars or children`;
    for (const entry of this.mapping(pair.value, line, message) ?? []) {
      this.readGroupKey(name, entry, depth);
    }
  }

  private readGroupKey(group: string, pair: YamlPair, depth: number): void {
    const key = this.yaml.keyText(pair.key);
    const line = this.yaml.lineOf(pair.key);
    if (key === "hosts") {
      this.readHosts(group, pair.value, line);
    } else if (key === "vars") {
      this.readVars(this.inventory.group(group, line).vars, pair.value, line);
    } else if (key === "children") {
      const message = `children of ${quote(group)} must be a mapping of group names`;
      for (const child of this.mapping(pair.value, line, message) ?? []) {
        this.readGroup(child, group, depth + 1);
      }
    } else if (key === "<<") {
      this.builder.warn(line, "YAML merge keys (<<) are not supported; ignored");
    } else {
      const message = `group ${quote(group)} has an unknown key ${quote(key ?? "")}, ignored (only hosts, vars and children are valid)`;
      this.builder.warn(line, message);
    }
  }

  private readHosts(group: string, node: unknown, line: number | null): void {
    const message = `hosts of ${quote(group)} must be a mapping of host names (not a list)`;
    for (const pair of this.mapping(node, line, message) ?? []) {
      const hostLine = this.yaml.lineOf(pair.key);
      const pattern = this.yaml.keyText(pair.key);
      const expanded = pattern === null ? null : expandHostPattern(pattern);
      if (expanded === null || !expanded.ok) {
        const reason = expanded?.reason ?? "a host name must be a plain string";
        this.builder.error(hostLine, `host skipped: ${reason}`);
        continue;
      }
      const vars: VarScope = new Map();
      if (expanded.port !== null) {
        // `host:2222` sets ansible_port; an ansible_port among the host's vars is read later and wins.
        this.inventory.readVar(vars, "ansible_port", expanded.port, hostLine);
      }
      if (!this.readVars(vars, pair.value, hostLine)) continue;
      for (const name of expanded.names) this.inventory.addHost(group, name, vars, hostLine);
    }
  }

  /** Reads variables into `scope`; false when the node is neither a mapping nor empty. */
  private readVars(scope: VarScope, node: unknown, line: number | null): boolean {
    const pairs = this.mapping(node, line, "variables must be a mapping of names to values");
    for (const pair of pairs ?? []) {
      const key = this.yaml.keyText(pair.key);
      const value = this.yaml.valueOf(pair.value);
      if (key !== null) this.inventory.readVar(scope, key, value, this.yaml.lineOf(pair.key));
    }
    return pairs !== null;
  }

  /** The pairs of a mapping; [] for an empty value; null (after reporting) for anything else. */
  private mapping(node: unknown, line: number | null, message: string): YamlPair[] | null {
    const resolved = this.yaml.resolve(node);
    if (resolved === null || this.yaml.isEmpty(resolved)) return [];
    const pairs = this.yaml.pairsOf(resolved);
    if (pairs === null) this.builder.error(this.yaml.lineOf(resolved) ?? line, message);
    return pairs;
  }
}
