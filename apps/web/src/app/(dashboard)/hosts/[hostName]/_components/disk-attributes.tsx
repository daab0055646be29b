"use client";

import type { HostView } from "./use-host-view";

type Disk = HostView["disks"][number];

/** Backblaze's predictors: any non-zero raw count is worth a look (199 points at cabling). */
const PREDICTORS = new Set([5, 187, 188, 196, 197, 198]);

/** The key SMART attributes (ATA) or the NVMe health log, with non-zero counts called out. */
export function DiskAttributes(props: { disk: Disk }) {
  const { disk } = props;
  if (disk.nvme) {
    const n = disk.nvme;
    const rows: Array<[string, string, boolean]> = [
      ["Media errors", String(n.mediaErrors ?? "—"), (n.mediaErrors ?? 0) > 0],
      [
        "Percentage used",
        n.percentageUsed !== null ? `${n.percentageUsed}%` : "—",
        (n.percentageUsed ?? 0) >= 90,
      ],
      [
        "Available spare",
        n.availableSpare !== null
          ? `${n.availableSpare}% (threshold ${n.availableSpareThreshold ?? "?"}%)`
          : "—",
        n.availableSpare !== null && n.availableSpare <= (n.availableSpareThreshold ?? 10),
      ],
      ["Critical warning", String(n.criticalWarning ?? "—"), (n.criticalWarning ?? 0) > 0],
      ["Unsafe shutdowns", String(n.unsafeShutdowns ?? "—"), false],
    ];
    return <AttributeTable caption="NVMe health" rows={rows} />;
  }
  if (disk.keyAttributes.length === 0) {
    return <p className="text-xs text-zinc-500">No key SMART attributes reported.</p>;
  }
  const rows = disk.keyAttributes.map((a): [string, string, boolean] => [
    `${a.id} ${a.name.replaceAll("_", " ")}`,
    `${a.raw.toLocaleString("en-US")}  (norm ${a.value}/${a.worst}, thresh ${a.threshold ?? "—"})`,
    (PREDICTORS.has(a.id) && a.raw > 0) || a.whenFailed === "now",
  ]);
  return <AttributeTable caption="Key SMART attributes (raw value)" rows={rows} />;
}

function AttributeTable(props: { caption: string; rows: Array<[string, string, boolean]> }) {
  return (
    <table className="w-full text-left text-xs">
      <caption className="mb-1 text-left font-medium text-zinc-600 dark:text-zinc-400">
        {props.caption}
      </caption>
      <tbody>
        {props.rows.map(([name, value, isBad]) => (
          <tr key={name} className="border-t border-zinc-100 dark:border-zinc-800">
            <th scope="row" className="py-0.5 pr-2 font-normal">
              {name}
            </th>
            <td
              className={`py-0.5 font-mono tabular-nums ${isBad ? "font-semibold text-red-800 dark:text-red-300" : ""}`}
            >
              {isBad && <span aria-hidden="true">▲ </span>}
              {value}
              {isBad && <span className="sr-only"> (needs attention)</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
