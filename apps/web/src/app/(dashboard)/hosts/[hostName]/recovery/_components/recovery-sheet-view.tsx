"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";
import { MarkdownDownload } from "./markdown-download";
import { RecoveryArrays } from "./recovery-arrays";
import { RecoveryLvm } from "./recovery-lvm";
import { SheetTextBlock, when } from "./sheet-text";
import type { Sheet } from "./sheet-types";

/**
 * The printable recovery sheet, in the order a superblock recovery asks for it. Every block says
 * when it was captured; nothing here is read from the host now.
 */
export function RecoverySheetView(props: { host: string }) {
  const trpc = useTRPC();
  const { data: sheet } = useSuspenseQuery(trpc.evidence.recoverySheet.queryOptions(props));
  const hostHref = `/hosts/${encodeURIComponent(props.host)}`;
  return (
    <article className="recovery-sheet mx-auto max-w-5xl space-y-8">
      <header className="space-y-2">
        <div className="no-print flex flex-wrap items-center gap-3 text-sm">
          <Link href={hostHref} className="text-sky-700 underline dark:text-sky-300">
            Host page
          </Link>
          <Link href={`${hostHref}/evidence`} className="text-sky-700 underline dark:text-sky-300">
            Evidence vault
          </Link>
          <span className="ml-auto flex gap-2">
            <button
              type="button"
              onClick={() => window.print()}
              className="rounded border border-zinc-300 px-3 py-1 dark:border-zinc-700"
            >
              Print
            </button>
            <MarkdownDownload host={props.host} />
          </span>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">Recovery sheet: {sheet.host.name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Generated {when(sheet.generatedAt)} from the evidence vault. Each block says when it was
          captured; every text was checked against its sha256.
        </p>
      </header>
      <section aria-labelledby="sheet-changes" className="space-y-2">
        <h2 id="sheet-changes" className="text-xl font-semibold">
          Changes to know about
        </h2>
        {sheet.alerts.length === 0 ? (
          <p className="text-sm">None recorded.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {sheet.alerts.map((alert) => (
              <li key={`${alert.kind}-${alert.subject}-${alert.observedAt.toISOString()}`}>
                <strong>{when(alert.observedAt)}</strong> {alert.message}
                {alert.resolvedAt && ` (over ${when(alert.resolvedAt)})`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <RecoveryArrays arrays={sheet.arrays} />
      <TextList title="Member superblocks (mdadm --examine)" items={sheet.examines} />
      <SheetTextBlock title="mdadm.conf" item={sheet.mdadmConf} level={2} />
      <SheetTextBlock title="mdadm --detail --scan" item={sheet.mdadmScan} level={2} />
      <TextList title="Partition tables (sfdisk --dump)" items={sheet.partitionTables} />
      <RecoveryLvm volumeGroups={sheet.volumeGroups} />
      <SheetTextBlock title="/etc/fstab" item={sheet.fstab} level={2} />
      <SheetTextBlock title="Block devices (lsblk)" item={sheet.lsblk} level={2} />
    </article>
  );
}

function TextList(props: { title: string; items: Sheet["examines"] }) {
  return (
    <section className="space-y-3">
      <h2 className="text-xl font-semibold">{props.title}</h2>
      {props.items.length === 0 && <p className="text-sm">None captured.</p>}
      <div className="grid gap-3 lg:grid-cols-2 print:grid-cols-2">
        {props.items.map((item) => (
          <SheetTextBlock key={item.itemKey} title={item.label} item={item} level={3} />
        ))}
      </div>
    </section>
  );
}
