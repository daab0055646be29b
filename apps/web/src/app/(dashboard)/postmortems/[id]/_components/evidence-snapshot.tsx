import { formatMinutes, type PostmortemEvidence } from "@holmes/core";

/** The machine evidence as it stood when the draft was made; it does not change afterwards. */
export function EvidenceSnapshot(props: { evidence: PostmortemEvidence }) {
  const { evidence } = props;
  return (
    <section
      data-testid="evidence-snapshot"
      className="space-y-2 rounded-xl border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-semibold">Evidence at draft time</h2>
      <p className="text-xs text-zinc-500">
        {evidence.window.from.replace("T", " ").slice(0, 16)} →{" "}
        {evidence.window.to?.replace("T", " ").slice(0, 16) ?? "open"} UTC
      </p>
      <ul className="text-xs">
        {evidence.severityMinutes.map((s) => (
          <li key={s.severity}>
            SEV{s.severity}: {formatMinutes(s.minutes)}
          </li>
        ))}
      </ul>
      <p>Hosts: {evidence.hosts.join(", ") || "none"}</p>
      {evidence.arrays.map((array) => (
        <details key={`${array.hostName}${array.device}`}>
          <summary className="cursor-pointer">
            {array.hostName} {array.device} ({array.level ?? "?"}, {array.members.length} members)
          </summary>
          <ul className="mt-1 font-mono text-xs">
            {array.members.map((m) => (
              <li key={m.device}>
                {m.slot ?? "–"} {m.device} {m.role ?? ""} {m.serial ?? "serial unknown"}
              </li>
            ))}
          </ul>
        </details>
      ))}
      {evidence.runbookSteps.length > 0 ? (
        <p>{evidence.runbookSteps.length} runbook step outcomes recorded.</p>
      ) : null}
    </section>
  );
}
