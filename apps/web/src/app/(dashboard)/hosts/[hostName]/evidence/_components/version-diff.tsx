"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

const ROW_STYLE: Record<string, { left: string; right: string }> = {
  same: { left: "", right: "" },
  changed: {
    left: "bg-amber-100 dark:bg-amber-950",
    right: "bg-amber-100 dark:bg-amber-950",
  },
  removed: { left: "bg-red-100 dark:bg-red-950", right: "bg-zinc-50 dark:bg-zinc-900" },
  added: { left: "bg-zinc-50 dark:bg-zinc-900", right: "bg-green-100 dark:bg-green-950" },
};

/** Two versions side by side, computed on the server; changed lines are highlighted. */
export function VersionDiff(props: { fromId: number; toId: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(
    trpc.evidence.diff.queryOptions({ fromId: props.fromId, toId: props.toId }),
  );
  const changes = data.rows.filter((row) => row.kind !== "same").length;
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm text-zinc-600 dark:text-zinc-400">
        A: {data.from.capturedAt.toLocaleString()} · B: {data.to.capturedAt.toLocaleString()} ·{" "}
        {changes === 0 ? "identical" : `${changes} line${changes === 1 ? "" : "s"} differ`}
      </figcaption>
      <div className="max-h-[36rem] overflow-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full table-fixed font-mono text-xs">
          <tbody>
            {data.rows.map((row, index) => {
              const style = ROW_STYLE[row.kind] ?? { left: "", right: "" };
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <tr key={index} data-kind={row.kind}>
                  <td className="w-10 pr-1 text-right text-zinc-400 select-none">
                    {row.left?.line}
                  </td>
                  <td className={`whitespace-pre-wrap break-all px-1 ${style.left}`}>
                    {row.left?.text}
                  </td>
                  <td className="w-10 pr-1 text-right text-zinc-400 select-none">
                    {row.right?.line}
                  </td>
                  <td className={`whitespace-pre-wrap break-all px-1 ${style.right}`}>
                    {row.right?.text}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
