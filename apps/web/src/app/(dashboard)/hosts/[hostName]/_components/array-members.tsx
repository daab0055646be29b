"use client";

import type { HostView } from "./use-host-view";

type ArrayView = HostView["arrays"][number];
type Member = ArrayView["members"][number];

function memberState(member: Member): { icon: string; words: string; className: string } {
  if (member.isFaulty)
    return { icon: "✖", words: "faulty", className: "text-red-800 dark:text-red-300" };
  if (member.role === "rebuilding")
    return { icon: "⟳", words: "rebuilding", className: "text-amber-800 dark:text-amber-300" };
  if (member.isSpare) return { icon: "○", words: "spare", className: "" };
  return { icon: "✔", words: member.role ?? "active", className: "" };
}

/** Members by slot, with the disk (model and serial) behind each: what to pull, and what not. */
export function ArrayMembers(props: { array: ArrayView }) {
  const { array } = props;
  const sets = array.redundancy.mirrorSets?.filter((s) => s.length > 1) ?? [];
  const setOf = (slot: number | null) =>
    slot === null ? null : sets.findIndex((s) => s.includes(slot));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Members of {array.name}</caption>
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-1 pr-3">Slot</th>
            <th className="py-1 pr-3">Device</th>
            <th className="py-1 pr-3">State</th>
            {sets.length > 1 && <th className="py-1 pr-3">Mirror pair</th>}
            <th className="py-1 pr-3">Disk</th>
            <th className="py-1 pr-3">Serial</th>
          </tr>
        </thead>
        <tbody>
          {array.members.map((member) => {
            const state = memberState(member);
            const set = setOf(member.slot);
            return (
              <tr
                key={member.device}
                data-testid={`member-${member.device}`}
                className="border-t border-zinc-100 dark:border-zinc-800"
              >
                <td className="py-1 pr-3 tabular-nums">{member.slot ?? "—"}</td>
                <td className="py-1 pr-3 font-mono">{member.device}</td>
                <td className={`py-1 pr-3 ${state.className}`}>
                  <span aria-hidden="true">{state.icon}</span> {state.words}
                  {member.stateFlags.length > 0 && (
                    <span className="ml-1 text-xs text-zinc-500">
                      ({member.stateFlags.join(", ")})
                    </span>
                  )}
                </td>
                {sets.length > 1 && (
                  <td className="py-1 pr-3">
                    {set !== null && set >= 0 ? `slots ${sets[set]?.join("+")}` : "—"}
                  </td>
                )}
                <td className="py-1 pr-3">
                  {member.disk
                    ? `${member.disk.name} · ${member.disk.model ?? "unknown model"}`
                    : "—"}
                </td>
                <td className="py-1 pr-3 font-mono text-xs">{member.diskSerial ?? "unknown"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
