"use client";

import { TABLE_HEAD, TABLE_ROW } from "./styles";
import type { ImportPlan } from "./types";

type Row = {
  action: "add" | "update" | "pin key" | "skip";
  name: string;
  line: number | null;
  target: string;
  detail: string;
};

const ACTION_STYLE: Record<Row["action"], string> = {
  add: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  update: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  "pin key": "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  skip: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

function rowsOf(plan: ImportPlan): Row[] {
  const describe = (h: ImportPlan["add"][number]) =>
    [h.user && `user ${h.user}`, h.identityFile && `key ${h.identityFile}`, h.groups.join(", ")]
      .filter(Boolean)
      .join(" · ");
  return [
    ...plan.add.map((h) => ({
      action: "add" as const,
      name: h.name,
      line: h.line,
      target: `${h.address}:${h.port}`,
      detail: describe(h),
    })),
    ...plan.update.map((h) => ({
      action: "update" as const,
      name: h.name,
      line: h.line,
      target: `${h.address}:${h.port}`,
      detail: h.changes.map((c) => `${c.field}: ${c.from || "—"} → ${c.to || "—"}`).join("; "),
    })),
    ...plan.pin.map((p) => ({
      action: "pin key" as const,
      name: p.name,
      line: p.line,
      target: p.keyType,
      detail: p.fingerprint,
    })),
    ...plan.skip.map((s) => ({
      action: "skip" as const,
      name: s.name,
      line: s.line,
      target: "",
      detail: s.reason,
    })),
  ];
}

/** The planned changes, then every line that could not be used, by line number. */
export function ImportPreview(props: { plan: ImportPlan }) {
  const rows = rowsOf(props.plan);
  const errors = props.plan.problems.filter((p) => p.severity === "error").length;
  const warnings = props.plan.problems.length - errors;
  return (
    <section aria-label="Import preview" className="space-y-4">
      <p className="text-sm">
        <strong>{props.plan.add.length}</strong> to add ·{" "}
        <strong>{props.plan.update.length}</strong> to update
        {props.plan.format === "known-hosts" && (
          <>
            {" "}
            · <strong>{props.plan.pin.length}</strong> keys to pin
          </>
        )}{" "}
        · {props.plan.skip.length} skipped ·{" "}
        <span className={errors > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}>
          {errors} {errors === 1 ? "error" : "errors"}
        </span>{" "}
        · {warnings} {warnings === 1 ? "warning" : "warnings"}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">No usable hosts found in this text.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className={TABLE_HEAD}>
              <tr>
                <th className="py-2 pr-3">Action</th>
                <th className="pr-3">Host</th>
                <th className="pr-3">Address</th>
                <th className="pr-3">Details</th>
                <th className="text-right">Line</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.action}-${row.name}`} className={`${TABLE_ROW} *:align-top`}>
                  <td className="pr-3">
                    <span className={`rounded px-1.5 py-0.5 text-xs ${ACTION_STYLE[row.action]}`}>
                      {row.action}
                    </span>
                  </td>
                  <td className="pr-3 font-medium whitespace-nowrap">{row.name}</td>
                  <td className="pr-3 font-mono text-xs whitespace-nowrap">{row.target}</td>
                  <td className="pr-3 text-xs break-words">{row.detail}</td>
                  <td className="text-right font-mono text-xs text-zinc-500">{row.line ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.plan.problems.length > 0 && <ProblemList problems={props.plan.problems} />}
    </section>
  );
}

function ProblemList(props: { problems: ImportPlan["problems"] }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">Lines that could not be used as written</h3>
      <ol className="space-y-2 text-sm">
        {props.problems.map((problem) => (
          <li
            // The importers report each (line, severity, message) once.
            key={`${problem.line}-${problem.severity}-${problem.message}`}
            className={`rounded-md border-l-4 px-3 py-2 ${problem.severity === "error" ? "border-red-500 bg-red-50 dark:bg-red-950/40" : "border-amber-500 bg-amber-50 dark:bg-amber-950/40"}`}
          >
            <div>
              <span className="font-mono text-xs font-semibold">
                {problem.line === null ? "whole file" : `line ${problem.line}`}
              </span>{" "}
              <span className="text-xs uppercase text-zinc-500">{problem.severity}</span>{" "}
              {problem.message}
            </div>
            {problem.text && (
              <code className="mt-1 block truncate font-mono text-xs text-zinc-600 dark:text-zinc-400">
                {problem.text}
              </code>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
