"use client";

import { Card } from "@holmes/ui";
import { formatBytes } from "./format";
import { useHostView } from "./use-host-view";

/** Volume groups with their physical and logical volumes. */
export function LvmPanel(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  const vgs = view.volumeGroups;
  return (
    <Card title={`LVM (${vgs.length} volume group${vgs.length === 1 ? "" : "s"})`}>
      {vgs.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No LVM volume groups.</p>
      ) : (
        <div className="space-y-4 text-sm">
          {vgs.map((vg) => (
            <div key={vg.name}>
              <p className="font-medium">
                VG <span className="font-mono">{vg.name}</span>{" "}
                <span className="font-normal text-zinc-600 dark:text-zinc-400">
                  {formatBytes(vg.sizeBytes)}, {formatBytes(vg.freeBytes)} free
                </span>
              </p>
              <p className="mt-1 text-xs">
                PVs:{" "}
                {vg.physicalVolumes.map((pv, i) => (
                  <span key={pv.name}>
                    {i > 0 && ", "}
                    <span className="font-mono">{pv.name}</span> ({formatBytes(pv.sizeBytes)})
                    {pv.isMissing && (
                      <span className="font-semibold text-red-800 dark:text-red-300">
                        {" "}
                        ✖ missing
                      </span>
                    )}
                  </span>
                ))}
              </p>
              <table className="mt-1 w-full text-left text-xs">
                <caption className="sr-only">Logical volumes of {vg.name}</caption>
                <thead className="text-zinc-500 uppercase">
                  <tr>
                    <th className="py-0.5 pr-2">LV</th>
                    <th className="py-0.5 pr-2">Size</th>
                    <th className="py-0.5 pr-2">Type</th>
                    <th className="py-0.5 pr-2">Attr</th>
                    <th className="py-0.5 pr-2">Health</th>
                  </tr>
                </thead>
                <tbody>
                  {vg.logicalVolumes
                    .filter((lv) => !lv.isHidden)
                    .map((lv) => (
                      <tr key={lv.name} className="border-t border-zinc-100 dark:border-zinc-800">
                        <td className="py-0.5 pr-2 font-mono">{lv.name}</td>
                        <td className="py-0.5 pr-2">{formatBytes(lv.sizeBytes)}</td>
                        <td className="py-0.5 pr-2">{lv.segtype ?? "—"}</td>
                        <td className="py-0.5 pr-2 font-mono">{lv.attr ?? "—"}</td>
                        <td className="py-0.5 pr-2">{lv.health ?? "ok"}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
