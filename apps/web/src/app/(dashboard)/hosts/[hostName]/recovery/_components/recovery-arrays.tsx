import { when } from "./sheet-text";
import type { Sheet } from "./sheet-types";

type SheetArray = Sheet["arrays"][number];

/** Each array's members by slot and disk serial, and which slots hold copies of the same data. */
export function RecoveryArrays(props: { arrays: Sheet["arrays"] }) {
  return (
    <section aria-labelledby="sheet-arrays" className="space-y-4">
      <h2 id="sheet-arrays" className="text-xl font-semibold">
        md arrays
      </h2>
      {props.arrays.length === 0 && <p className="text-sm">No md arrays captured.</p>}
      {props.arrays.map((array) => (
        <ArrayBlock key={array.capture.itemKey} array={array} />
      ))}
    </section>
  );
}

function ArrayBlock(props: { array: SheetArray }) {
  const { array } = props;
  const facts = [
    array.level,
    array.layout,
    `${array.raidDevices ?? "?"} devices`,
    array.chunkKb ? `chunk ${array.chunkKb} KiB` : null,
    `superblock ${array.superblock ?? "?"}`,
  ].filter(Boolean);
  return (
    <figure className="space-y-2">
      <h3 className="font-semibold">
        {array.device} <span className="font-normal">— {facts.join(", ")}</span>
      </h3>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        UUID <code>{array.uuid ?? "unknown"}</code> · created {array.creationTime ?? "?"} · captured{" "}
        {when(array.capture.capturedAt)}
      </p>
      {array.capture.goneSince && (
        <p role="status" className="rounded bg-amber-100 px-3 py-2 text-sm text-amber-950">
          No longer assembled since {when(array.capture.goneSince)}: this is the last map seen.
        </p>
      )}
      <table className="w-full border-collapse text-left text-xs">
        <thead>
          <tr className="border-b border-zinc-400">
            {[
              "Slot",
              "Role",
              "Device",
              "Disk",
              "Serial",
              "WWN",
              "Events",
              "Update time",
              "Data offset",
            ].map((label) => (
              <th key={label} className="py-1 pr-2">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {array.members.map((m) => (
            <tr key={m.device} className="border-b border-zinc-200 dark:border-zinc-800">
              <td className="py-0.5 pr-2">{m.slot ?? "—"}</td>
              <td className="pr-2">{m.role ?? "—"}</td>
              <td className="pr-2 font-mono">{m.device}</td>
              <td className="pr-2 font-mono">{m.disk ?? "—"}</td>
              <td className="pr-2 font-mono">{m.serial ?? "—"}</td>
              <td className="pr-2 font-mono">{m.wwn ?? "—"}</td>
              <td className={m.isBehind ? "pr-2 font-semibold text-red-800" : "pr-2"}>
                {m.events ?? "—"}
                {m.isBehind && " (behind)"}
              </td>
              <td className="pr-2">{m.updateTime ?? "—"}</td>
              <td>{m.dataOffsetSectors ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="text-sm">
        <p className="font-medium">Copies of the same data</p>
        {array.mirrorSets ? (
          <ul className="list-disc pl-5">
            {array.mirrorSets.map((set) => (
              <li key={set.map((m) => m.slot).join("+")}>
                slots {set.map((m) => m.slot).join(" + ")}:{" "}
                {set
                  .map((m) => `${m.device ?? "missing"} (${m.serial ?? "no serial"})`)
                  .join(" ↔ ")}
              </li>
            ))}
          </ul>
        ) : (
          <p>Not a mirrored level: every member is needed, in slot order.</p>
        )}
      </div>
    </figure>
  );
}
