"use client";

import type { RouterOutputs } from "@holmes/api";
import { EmptyState, healthStyle } from "@holmes/ui";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

type Tile = RouterOutputs["fleet"]["overview"]["hosts"][number];

const TILE_WIDTH = 168;
const GAP = 8;
const ROW_HEIGHT = 64;

/** Columns that fit the container's width; at least one. */
export function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width + GAP) / (TILE_WIDTH + GAP)));
}

function useWidth(ref: React.RefObject<HTMLElement | null>) {
  const [width, setWidth] = useState(TILE_WIDTH * 6);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * Every host as a tile coloured by its worst unresolved finding, with an icon and a word so colour
 * is never the only signal. Only the visible rows are rendered: 1,000 hosts scroll smoothly.
 */
export function HostHeatmap(props: { hosts: Tile[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = columnsFor(useWidth(scrollRef) - 16);
  const rows = Math.ceil(props.hosts.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT + GAP,
    overscan: 4,
  });
  if (props.hosts.length === 0) {
    return (
      <EmptyState title="No host matches these filters.">Clear a filter to see more.</EmptyState>
    );
  }
  return (
    <div
      ref={scrollRef}
      className="max-h-[28rem] overflow-auto rounded-xl p-2"
      data-testid="heatmap"
    >
      <ul
        aria-label={`${props.hosts.length} hosts`}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().flatMap((row) =>
          props.hosts.slice(row.index * columns, row.index * columns + columns).map((host, i) => (
            <li
              key={host.id}
              className="absolute"
              style={{
                top: row.start,
                left: i * (TILE_WIDTH + GAP),
                width: TILE_WIDTH,
                height: ROW_HEIGHT,
              }}
            >
              <HostTile host={host} />
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

function HostTile(props: { host: Tile }) {
  const { host } = props;
  const style = healthStyle(host.health);
  const problems = [
    host.critical > 0 ? `${host.critical} critical` : null,
    host.warning > 0 ? `${host.warning} warning` : null,
  ].filter(Boolean);
  return (
    <Link
      href={`/hosts/${encodeURIComponent(host.name)}`}
      title={`${host.name}: ${style.label}${problems.length ? ` (${problems.join(", ")})` : ""}`}
      className={`flex h-full flex-col justify-center rounded-lg px-3 ring-1 ring-inset hover:brightness-95 ${style.className}`}
    >
      <span className="truncate text-sm font-medium">
        <span aria-hidden="true">{style.icon} </span>
        {host.name}
      </span>
      <span className="truncate text-xs opacity-80">
        {style.label}
        {problems.length > 0 ? ` · ${problems.join(" · ")}` : ""}
        {host.isSimulated ? " · sim" : ""}
      </span>
    </Link>
  );
}
