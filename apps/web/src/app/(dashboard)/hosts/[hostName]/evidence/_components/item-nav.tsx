"use client";

import type { EvidenceList } from "./evidence-types";

const KIND_TITLES: Record<string, string> = {
  "md-map": "md maps (slot → disk)",
  "mdadm-detail-scan": "mdadm --detail --scan",
  "mdadm-detail": "mdadm --detail",
  "mdadm-examine": "Member superblocks",
  "mdadm-conf": "mdadm.conf",
  "lvm-metadata": "LVM metadata",
  "partition-table": "Partition tables",
  fstab: "fstab",
  lsblk: "Block devices",
};

/** The vault's items grouped by kind, in the order a recovery reads them. */
export function ItemNav(props: {
  items: EvidenceList["items"];
  selected: string;
  onSelect: (itemKey: string) => void;
}) {
  const kinds = [...new Set(props.items.map((item) => item.kind))];
  return (
    <nav aria-label="Evidence items" className="space-y-3">
      {kinds.map((kind) => (
        <div key={kind}>
          <h2 className="px-2 text-xs font-medium text-zinc-500 uppercase">
            {KIND_TITLES[kind] ?? kind}
          </h2>
          {props.items
            .filter((item) => item.kind === kind)
            .map((item) => (
              <button
                key={item.itemKey}
                type="button"
                aria-current={item.itemKey === props.selected ? "true" : undefined}
                onClick={() => props.onSelect(item.itemKey)}
                className="block w-full rounded px-2 py-0.5 text-left text-sm hover:bg-zinc-100 aria-[current=true]:bg-sky-100 dark:hover:bg-zinc-800 dark:aria-[current=true]:bg-sky-950"
              >
                {item.label}
                {!item.isPresent && <span className="ml-1 text-xs text-amber-700">(gone)</span>}
                <span className="ml-1 text-xs text-zinc-500">· {item.versions.length}</span>
              </button>
            ))}
        </div>
      ))}
    </nav>
  );
}
