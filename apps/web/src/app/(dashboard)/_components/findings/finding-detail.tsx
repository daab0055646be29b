import type { RouterOutputs } from "@holmes/api";

type Finding = RouterOutputs["finding"]["list"]["items"][number];

/** Why it matters, what to do, and the evidence: values and the raw lines that triggered it. */
export function FindingDetail(props: { finding: Finding }) {
  const { finding } = props;
  const values = Object.entries(finding.evidence.values).filter(([, v]) => v !== null);
  return (
    <div className="space-y-2 rounded-lg bg-zinc-50 p-3 text-sm dark:bg-zinc-950">
      <p>{finding.explanation}</p>
      {values.length > 0 ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
          {values.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-zinc-500">{key}</dt>
              <dd className="font-mono break-all">{String(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {finding.evidence.lines.length > 0 ? (
        <pre className="overflow-x-auto rounded bg-zinc-900 p-2 text-xs text-zinc-100">
          {finding.evidence.lines.join("\n")}
        </pre>
      ) : null}
      <p className="text-xs text-zinc-500">
        {finding.objectKind} {finding.objectName} · first seen{" "}
        {finding.firstSeenAt.toLocaleString()} · last seen {finding.lastSeenAt.toLocaleString()}
        {finding.runbookId ? ` · suggested runbook: ${finding.runbookId}` : ""}
        {finding.acknowledgeNote ? ` · note: ${finding.acknowledgeNote}` : ""}
      </p>
    </div>
  );
}
