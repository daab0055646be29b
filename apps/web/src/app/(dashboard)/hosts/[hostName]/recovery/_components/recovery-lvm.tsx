import { SheetTextBlock } from "./sheet-text";
import type { Sheet } from "./sheet-types";

type VolumeGroup = Sheet["volumeGroups"][number];
type Metadata = NonNullable<VolumeGroup["metadata"]>;

/** Each VG's PVs and LVs as its metadata says, the metadata text, and the text before a re-create. */
export function RecoveryLvm(props: { volumeGroups: Sheet["volumeGroups"] }) {
  return (
    <section aria-labelledby="sheet-lvm" className="space-y-4">
      <h2 id="sheet-lvm" className="text-xl font-semibold">
        LVM
      </h2>
      {props.volumeGroups.length === 0 && <p className="text-sm">No volume groups captured.</p>}
      {props.volumeGroups.map((vg) => (
        <div key={vg.capture.itemKey} className="space-y-3">
          <h3 className="font-semibold">
            {vg.capture.label}
            {vg.metadata && (
              <span className="font-normal">
                {" "}
                — seqno {vg.metadata.seqno ?? "?"}, UUID <code>{vg.metadata.vgId ?? "?"}</code>
              </span>
            )}
          </h3>
          {vg.metadata && <Layout metadata={vg.metadata} />}
          <SheetTextBlock title="Metadata text" item={{ ...vg.capture, before: null }} level={3} />
          {vg.before && (
            <div className="space-y-2 rounded border-2 border-amber-400 p-2">
              <h4 className="font-semibold">
                Before the recent change: seqno {vg.before.metadata?.seqno ?? "?"}, UUID{" "}
                <code>{vg.before.metadata?.vgId ?? "?"}</code> (what vgcfgrestore needs)
              </h4>
              {vg.before.metadata && <Layout metadata={vg.before.metadata} />}
              <SheetTextBlock title="Metadata text before" item={vg.before.capture} level={3} />
            </div>
          )}
        </div>
      ))}
    </section>
  );
}

function Layout(props: { metadata: Metadata }) {
  const { metadata } = props;
  return (
    <table className="w-full border-collapse text-left text-xs">
      <thead>
        <tr className="border-b border-zinc-400">
          <th className="py-1 pr-2">Volume</th>
          <th className="pr-2">UUID</th>
          <th>Where</th>
        </tr>
      </thead>
      <tbody>
        {metadata.pvs.map((pv) => (
          <tr key={pv.key} className="border-b border-zinc-200 dark:border-zinc-800">
            <td className="py-0.5 pr-2">PV {pv.key}</td>
            <td className="pr-2 font-mono">{pv.id ?? "—"}</td>
            <td>
              {pv.deviceHint ?? "?"} (hint) · {pv.peCount ?? "?"} extents
            </td>
          </tr>
        ))}
        {metadata.lvs.map((lv) => (
          <tr key={lv.name} className="border-b border-zinc-200 dark:border-zinc-800">
            <td className="py-0.5 pr-2">LV {lv.name}</td>
            <td className="pr-2 font-mono">{lv.id ?? "—"}</td>
            <td>
              {lv.segments
                .map(
                  (s) =>
                    `${s.type ?? "?"}: ${s.extentCount ?? "?"} extents on ${s.stripes.map((st) => `${st.pv}@${st.startExtent}`).join(", ") || "—"}`,
                )
                .join("; ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
