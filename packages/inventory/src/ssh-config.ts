/*
 * Imports the concrete hosts of an OpenSSH client config (ssh_config(5)):
 *
 *   Host stor-01 stor-02          # each concrete name becomes a host
 *       HostName %h.mgmt.example.com
 *   Host stor-* !stor-test        # a pattern: not a host, but its settings apply to matches
 *       User ops
 *   Host *
 *       IdentityFile ~/.ssh/holmes_ed25519
 *
 * For every concrete alias the file is walked top to bottom and the first value obtained for
 * each keyword wins, exactly as ssh resolves `ssh stor-01`. Source: ssh_config(5) and readconf.c,
 * OpenSSH 8.x–9.x. Include cannot be followed and Match blocks are skipped, both with a warning.
 */
import type { ImportPreview } from "./host-entry";
import { checkAddress, checkLabel, DEFAULT_SSH_PORT, quote, readPort } from "./host-fields";
import { PreviewBuilder } from "./preview-builder";
import { splitLines } from "./problem-log";
import {
  expandHostName,
  isSshKeyword,
  lexSshLine,
  readSshSetting,
  SSH_KEYWORDS,
  type SshSetting,
} from "./ssh-config-lines";
import { isNegatedPattern, isWildcardPattern, matchPatternList } from "./ssh-pattern";

/** `patterns` null: the lines before the first Host, which apply to every host. */
type SshBlock = { patterns: string[] | null; settings: SshSetting[]; isSkipped?: boolean };
type Alias = { name: string; line: number };

export function importSshConfig(text: string): ImportPreview {
  const builder = new PreviewBuilder(text, "ssh-config");
  const blocks: SshBlock[] = [{ patterns: null, settings: [] }];
  const aliases = new Map<string, Alias>();
  splitLines(text).forEach((raw, index) => {
    readLine(raw, index + 1, { builder, blocks, aliases });
  });
  const index = indexBlocks(blocks);
  for (const alias of aliases.values()) {
    resolveAlias(alias, blocksFor(alias.name, blocks, index), builder);
  }
  return builder.finish();
}

/**
 * Blocks that list only concrete names apply exactly to those names, so they are looked up by
 * name; only pattern blocks are matched one by one. Without this, a config with thousands of
 * `Host` blocks costs hosts × blocks glob matches.
 */
type BlockIndex = { byName: Map<string, number[]>; patterned: number[] };

function indexBlocks(blocks: SshBlock[]): BlockIndex {
  const index: BlockIndex = { byName: new Map(), patterned: [] };
  blocks.forEach((block, i) => {
    const { patterns } = block;
    if (patterns === null || !patterns.every(isConcretePattern)) {
      index.patterned.push(i);
      return;
    }
    for (const name of new Set(patterns.map((p) => p.toLowerCase()))) {
      index.byName.set(name, [...(index.byName.get(name) ?? []), i]);
    }
  });
  return index;
}

function isConcretePattern(pattern: string): boolean {
  return !isNegatedPattern(pattern) && !isWildcardPattern(pattern);
}

/** The blocks that apply to `name`, in file order, as ssh would read them. */
function blocksFor(name: string, blocks: SshBlock[], index: BlockIndex): SshBlock[] {
  const matched = index.patterned.filter((i) => {
    const patterns = blocks[i]?.patterns;
    return patterns === null || (patterns !== undefined && matchPatternList(name, patterns));
  });
  const named = index.byName.get(name.toLowerCase()) ?? [];
  return [...matched, ...named].sort((a, b) => a - b).flatMap((i) => blocks[i] ?? []);
}

type ParseState = { builder: PreviewBuilder; blocks: SshBlock[]; aliases: Map<string, Alias> };

function readLine(raw: string, line: number, state: ParseState): void {
  const { builder, blocks } = state;
  const lexed = lexSshLine(raw);
  if (lexed.kind === "blank") return;
  if (lexed.kind === "bad") {
    builder.error(line, lexed.reason);
    // A broken Host or Match line still ends the block above it; its settings match nothing.
    if (lexed.keyword === "host" || lexed.keyword === "match") {
      blocks.push({ patterns: [], settings: [], isSkipped: true });
    }
    return;
  }
  const { keyword, args } = lexed;
  if (keyword === "host") {
    readHostLine(args, line, state);
  } else if (keyword === "match") {
    builder.warn(line, "Match blocks are not supported and were skipped");
    blocks.push({ patterns: [], settings: [], isSkipped: true });
  } else if (keyword === "include") {
    builder.warn(
      line,
      `Include ${quote(args.join(" "))} cannot be followed; only this file is imported`,
    );
  } else if (isSshKeyword(keyword)) {
    readSetting(readSshSetting(keyword, args, line), state);
  }
}

function readHostLine(patterns: string[], line: number, state: ParseState): void {
  state.blocks.push({ patterns, settings: [] });
  for (const pattern of patterns) {
    if (isNegatedPattern(pattern)) continue;
    if (isWildcardPattern(pattern)) {
      state.builder.warn(
        line,
        `"Host ${pattern}" is a wildcard pattern; Holmes imports concrete hosts only and applies its settings to the hosts it matches`,
      );
      continue;
    }
    addAlias(pattern, line, state);
  }
}

function addAlias(name: string, line: number, { builder, aliases }: ParseState): void {
  const reason = checkLabel(name);
  if (reason !== null) {
    builder.error(line, `Host ${quote(name)} skipped: ${reason}`);
    return;
  }
  const first = aliases.get(name);
  if (first === undefined) {
    aliases.set(name, { name, line });
  } else if (first.line !== line) {
    builder.warn(
      line,
      `host ${quote(name)} is also listed on line ${first.line}; as ssh does, the first value of each setting wins`,
    );
  }
}

function readSetting(setting: SshSetting, { builder, blocks }: ParseState): void {
  const block = blocks[blocks.length - 1];
  // Settings under a Match (or a broken Host line) go unread, so they are not checked either.
  if (block === undefined || block.isSkipped) return;
  block.settings.push(setting);
  if (setting.reason !== null) builder.flagLine(setting.line, "skipped", setting.reason);
  if (setting.keyword === "identityfile" && setting.value.includes("%")) {
    const path = quote(setting.value);
    builder.warn(setting.line, `IdentityFile ${path} has %-tokens; Holmes keeps it as written`);
  }
}

/** `blocks` are the ones that apply to the alias, in file order. */
function resolveAlias(alias: Alias, blocks: SshBlock[], builder: PreviewBuilder): void {
  const first = new Map<string, SshSetting>();
  const identityFiles: SshSetting[] = [];
  for (const block of blocks) {
    for (const setting of block.settings) {
      // ssh tries every IdentityFile in order; every other keyword keeps its first value.
      if (setting.keyword === "identityfile") identityFiles.push(setting);
      else if (!first.has(setting.keyword)) first.set(setting.keyword, setting);
    }
  }
  const identity = identityFiles[0];
  const chosen = [first.get("hostname"), first.get("port"), first.get("user"), identity];
  let isUsable = true;
  for (const setting of chosen) {
    if (setting?.reason == null) continue;
    builder.noteHost(setting.line, "skipped", setting.reason, alias.name);
    isUsable = false;
  }
  if (!isUsable) return;
  const address = resolveAddress(alias, first.get("hostname"), builder);
  if (address === null) return;
  noteIgnored(alias.name, [first.get("proxyjump"), first.get("proxycommand")], builder);
  noteExtraKeys(alias.name, identityFiles.slice(1), builder);
  builder.addHost({
    name: alias.name,
    line: alias.line,
    address,
    port: readPort(first.get("port")?.value ?? "") ?? DEFAULT_SSH_PORT,
    user: first.get("user")?.value ?? null,
    identityFile: identity?.value ?? null,
    groups: [],
  });
}

function resolveAddress(
  alias: Alias,
  hostName: SshSetting | undefined,
  builder: PreviewBuilder,
): string | null {
  if (hostName === undefined) {
    const reason = checkAddress(alias.name);
    if (reason === null) return alias.name;
    builder.noteHost(alias.line, "skipped", `no HostName, and ${reason}`, alias.name);
    return null;
  }
  const expanded = expandHostName(hostName.value, alias.name);
  if (expanded === null) {
    const reason = `HostName ${quote(hostName.value)} has a %-token other than %h or %%`;
    builder.noteHost(hostName.line, "skipped", reason, alias.name);
    return null;
  }
  const reason = checkAddress(expanded);
  if (reason === null) return expanded;
  const via = expanded === hostName.value ? "" : ` (from ${quote(hostName.value)})`;
  builder.noteHost(hostName.line, "skipped", `HostName ${reason}${via}`, alias.name);
  return null;
}

function noteIgnored(
  name: string,
  settings: Array<SshSetting | undefined>,
  builder: PreviewBuilder,
): void {
  for (const setting of settings) {
    // "none" is ssh's way to switch a proxy off, which is what Holmes does anyway.
    if (setting === undefined || setting.value.toLowerCase() === "none") continue;
    const keyword = SSH_KEYWORDS[setting.keyword];
    builder.noteHost(setting.line, "kept without it", `${keyword} is not supported`, name);
  }
}

function noteExtraKeys(name: string, extra: SshSetting[], builder: PreviewBuilder): void {
  for (const setting of extra) {
    const reason = `IdentityFile ${quote(setting.value)} is a further key; Holmes uses one key per host, the first ssh would try`;
    builder.noteHost(setting.line, "kept without it", reason, name);
  }
}
