import {
  type ImportPreview,
  type ImportSourceKind,
  type InventoryHost,
  InventoryHostSchema,
} from "./host-entry";
import { quote } from "./host-fields";
import { ProblemLog } from "./problem-log";

/** What happened to the hosts a problem line affects. */
export type HostOutcome = "skipped" | "kept without it";

/** A host an importer resolved, before the schema has checked it. */
export type HostDraft = {
  name: string;
  line: number | null;
  address: string;
  port: number;
  user: string | null;
  identityFile: string | null;
  groups: string[];
};

type Issue = { line: number | null; outcome: HostOutcome; reason: string; hosts: string[] };

const HOSTS_NAMED = 10;

/**
 * Collects hosts and problems for one import. A bad line that several hosts inherit (a
 * `Host *` Port, an Ansible group var) becomes one problem naming every host it affects,
 * instead of one problem per host.
 */
export class PreviewBuilder {
  private readonly log: ProblemLog;
  private readonly issues = new Map<string, Issue>();
  private readonly hosts = new Map<string, InventoryHost>();

  constructor(
    text: string,
    private readonly kind: ImportSourceKind,
  ) {
    this.log = new ProblemLog(text);
  }

  error(line: number | null, message: string): void {
    this.log.error(line, message);
  }

  warn(line: number | null, message: string): void {
    this.log.warn(line, message);
  }

  /** Registers a bad line now, so it is reported even when no host ends up using it. */
  flagLine(line: number | null, outcome: HostOutcome, reason: string): void {
    this.issue(line, outcome, reason);
  }

  /** Records that `host` was skipped (or kept without a setting) because of `line`. */
  noteHost(line: number | null, outcome: HostOutcome, reason: string, host: string): void {
    const issue = this.issue(line, outcome, reason);
    if (!issue.hosts.includes(host)) issue.hosts.push(host);
  }

  addHost(draft: HostDraft): void {
    const existing = this.hosts.get(draft.name);
    if (existing !== undefined) {
      const first = existing.source.line === null ? "" : ` on line ${existing.source.line}`;
      this.error(
        draft.line,
        `host ${quote(draft.name)} is already defined${first}; kept the first`,
      );
      return;
    }
    const { line, ...fields } = draft;
    const parsed = InventoryHostSchema.safeParse({ ...fields, source: { kind: this.kind, line } });
    if (parsed.success) {
      this.hosts.set(draft.name, parsed.data);
      return;
    }
    const reason = parsed.error.issues[0]?.message ?? "it failed validation";
    this.error(draft.line, `host ${quote(draft.name)} skipped: ${reason}`);
  }

  finish(): ImportPreview {
    for (const issue of this.issues.values()) {
      this.log.add(issue.line, issue.outcome === "skipped" ? "error" : "warning", describe(issue));
    }
    return { hosts: [...this.hosts.values()], problems: this.log.finish() };
  }

  private issue(line: number | null, outcome: HostOutcome, reason: string): Issue {
    const key = `${line}\u0000${outcome}\u0000${reason}`;
    const existing = this.issues.get(key);
    if (existing !== undefined) return existing;
    const issue: Issue = { line, outcome, reason, hosts: [] };
    this.issues.set(key, issue);
    return issue;
  }
}

function describe(issue: Issue): string {
  const count = issue.hosts.length;
  if (count === 0) return issue.reason;
  const named = issue.hosts.slice(0, HOSTS_NAMED).map(quote);
  const more = count > HOSTS_NAMED ? ` and ${count - HOSTS_NAMED} more` : "";
  const noun = count === 1 ? "host" : "hosts";
  return `${issue.reason}; ${noun} ${named.join(", ")}${more} ${issue.outcome}`;
}
