"use client";

import { Card } from "@holmes/ui";
import type { HostView } from "./use-host-view";
import { useHostView } from "./use-host-view";

type Node = HostView["topology"][number];

const KIND_WORDS: Record<string, string> = {
  disk: "disk",
  partition: "part",
  md: "md",
  pv: "PV",
  lv: "LV",
  mount: "mount",
  loop: "loop",
  file: "file",
  nfs: "NFS",
};

/**
 * The storage stack as an indented tree: what each block is built from on the left (disk →
 * partition → md, NFS → file → loop), what is built on it below (PV → LV → filesystem).
 */
export function TopologyPanel(props: { host: string }) {
  const { data: view } = useHostView(props.host);
  return (
    <Card title="Storage topology">
      {view.topology.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No storage reported yet.</p>
      ) : (
        <ul className="space-y-4 overflow-x-auto text-sm" aria-label="Storage stacks">
          {view.topology.map((node) => (
            <li key={node.id}>
              <Stack node={node} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Stack(props: { node: Node }) {
  const { node } = props;
  return (
    <div className="flex flex-col gap-2 md:flex-row md:items-start">
      {node.from.length > 0 && (
        <div className="flex flex-col gap-1">
          {node.from.map((source) => (
            <Sources key={source.id} node={source} />
          ))}
        </div>
      )}
      {node.from.length > 0 && (
        <span aria-hidden="true" className="hidden self-center text-zinc-400 md:block">
          →
        </span>
      )}
      <Tree node={node} />
    </div>
  );
}

/** A source chain flattened left to right: disk → partition, or NFS mount → file. */
function Sources(props: { node: Node }) {
  const chain: Node[] = [];
  let current: Node | undefined = props.node;
  while (current) {
    chain.unshift(current);
    current = current.from[0];
  }
  return (
    <div className="flex items-center gap-1 whitespace-nowrap">
      {chain.map((n, i) => (
        <span key={n.id} className="flex items-center gap-1">
          {i > 0 && <span aria-hidden="true">→</span>}
          <Block node={n} />
        </span>
      ))}
    </div>
  );
}

function Tree(props: { node: Node }) {
  return (
    <div>
      <Block node={props.node} />
      {props.node.children.length > 0 && (
        <ul className="ml-4 mt-1 space-y-1 border-l border-zinc-300 pl-3 dark:border-zinc-700">
          {props.node.children.map((child) => (
            <li key={child.id}>
              <Tree node={child} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Block(props: { node: Node }) {
  const { node } = props;
  const tone = node.problem
    ? "border-red-400 bg-red-50 dark:border-red-700 dark:bg-red-950"
    : "border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <span
      className={`inline-flex flex-wrap items-baseline gap-1 rounded border px-1.5 py-0.5 ${tone}`}
    >
      <span className="text-[10px] text-zinc-500 uppercase">{KIND_WORDS[node.kind]}</span>
      <span className="font-mono">{node.label}</span>
      {node.detail && (
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{node.detail}</span>
      )}
      {node.problem && (
        <span className="text-xs font-semibold text-red-800 dark:text-red-300">
          ✖ {node.problem}
        </span>
      )}
    </span>
  );
}
