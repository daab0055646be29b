import type { RecoverySheet, SheetArray, SheetText, SheetVolumeGroup } from "./recovery-sheet";

const when = (at: Date) =>
  at
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");
const cell = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === ""
    ? "—"
    : String(value).replaceAll("|", "\\|");

function fenced(text: string): string {
  const fence = text.includes("```") ? "~~~~" : "```";
  return `${fence}\n${text.endsWith("\n") ? text : `${text}\n`}${fence}\n`;
}

type TextLike = Omit<SheetText, "goneSince" | "before"> &
  Partial<Pick<SheetText, "goneSince" | "before">>;

const bodyOf = (item: Pick<SheetText, "text">) =>
  item.text === null
    ? "**Integrity check failed: this text no longer matches its sha256 and is withheld.**\n"
    : fenced(item.text);

function textBlock(heading: string, item: TextLike | null): string {
  if (!item) return `${heading}\n\nNot captured.\n`;
  const gone = item.goneSince ? ` · no longer on the host since ${when(item.goneSince)}` : "";
  const meta = `Captured ${when(item.capturedAt)} from \`${item.source}\` · sha256 \`${item.sha256.slice(0, 16)}…\`${gone}`;
  const before = item.before
    ? `\n**Before the recent change** (captured ${when(item.before.capturedAt)}, sha256 \`${item.before.sha256.slice(0, 16)}…\`):\n\n${bodyOf(item.before)}`
    : "";
  return `${heading}\n\n${meta}\n\n${bodyOf(item)}${before}`;
}

function arrayBlock(array: SheetArray): string {
  const facts = [array.level, array.layout, `${array.raidDevices ?? "?"} devices`]
    .concat(array.chunkKb ? [`chunk ${array.chunkKb} KiB`] : [], [
      `superblock ${array.superblock ?? "?"}`,
    ])
    .filter(Boolean)
    .join(", ");
  const gone = array.capture.goneSince
    ? `\n\n**No longer assembled since ${when(array.capture.goneSince)}: this is the last map seen.**`
    : "";
  const rows = array.members.map(
    (m) =>
      `| ${cell(m.slot)} | ${cell(m.role)} | ${cell(m.device)} | ${cell(m.disk)} | ${cell(m.serial)} | ${cell(m.wwn)} | ${cell(m.events)}${m.isBehind ? " (behind)" : ""} | ${cell(m.updateTime)} | ${cell(m.dataOffsetSectors)} |`,
  );
  const sets = array.mirrorSets
    ? array.mirrorSets
        .map(
          (set) =>
            `- slots ${set.map((m) => m.slot).join("+")}: ${set.map((m) => `${m.device ?? "missing"} (${m.serial ?? "no serial"})`).join(" ↔ ")}`,
        )
        .join("\n")
    : "Not a mirrored level: every member is needed, in slot order.";
  return [
    `### ${array.device} — ${facts}`,
    `UUID \`${array.uuid ?? "unknown"}\` · created ${array.creationTime ?? "?"} · captured ${when(array.capture.capturedAt)}${gone}`,
    "| Slot | Role | Device | Disk | Serial | WWN | Events | Update time | Data offset (sectors) |\n|---|---|---|---|---|---|---|---|---|",
  ]
    .join("\n\n")
    .concat(`\n${rows.join("\n")}\n\n**Copies of the same data**\n\n${sets}\n`);
}

function vgBlock(vg: SheetVolumeGroup): string {
  const m = vg.metadata;
  const head = `### ${vg.capture.label}${m ? ` — seqno ${m.seqno ?? "?"}, UUID \`${m.vgId ?? "?"}\`` : ""}`;
  const pvs = (m?.pvs ?? []).map(
    (pv) =>
      `| ${pv.key} | ${cell(pv.deviceHint)} | ${cell(pv.id)} | ${cell(pv.devSizeSectors)} | ${cell(pv.peCount)} |`,
  );
  const lvs = (m?.lvs ?? []).map((lv) => {
    const segments = lv.segments.map(
      (s) =>
        `${s.type ?? "?"} ${s.extentCount ?? "?"} extents on ${s.stripes.map((st) => `${st.pv}@${st.startExtent}`).join(", ") || "—"}`,
    );
    return `| ${lv.name} | ${cell(lv.id)} | ${cell(segments.join("; "))} |`;
  });
  const tables = m
    ? `| PV | Device (hint) | PV UUID | Size (sectors) | Extents |\n|---|---|---|---|---|\n${pvs.join("\n")}\n\n| LV | LV UUID | Segments |\n|---|---|---|\n${lvs.join("\n")}\n\n`
    : "";
  const before = vg.before
    ? `\n${textBlock(`#### ${vg.capture.label} before the recent change (seqno ${vg.before.metadata?.seqno ?? "?"})`, vg.before.capture)}`
    : "";
  return `${head}\n\n${tables}${textBlock("#### Metadata text", { ...vg.capture, before: null })}${before}`;
}

/** The recovery sheet as one Markdown document, for printing or keeping beside the runbook. */
export function recoverySheetMarkdown(sheet: RecoverySheet): string {
  const alerts = sheet.alerts.length
    ? sheet.alerts
        .map(
          (a) =>
            `- ${when(a.observedAt)} **${a.kind}** ${a.message}${a.resolvedAt ? ` (over ${when(a.resolvedAt)})` : ""}`,
        )
        .join("\n")
    : "None recorded.";
  const parts = [
    `# Recovery sheet: ${sheet.host.name}`,
    `Generated ${when(sheet.generatedAt)} by Holmes from its evidence vault. Each section says when it was captured; texts are verified against their sha256.`,
    `## Changes to know about\n\n${alerts}`,
    `## md arrays\n\n${sheet.arrays.map(arrayBlock).join("\n") || "No md arrays captured."}`,
    `## Member superblocks (mdadm --examine)\n\n${sheet.examines.map((e) => textBlock(`### ${e.label}`, e)).join("\n") || "None captured."}`,
    textBlock("## mdadm.conf", sheet.mdadmConf),
    textBlock("## mdadm --detail --scan", sheet.mdadmScan),
    `## Partition tables (sfdisk --dump)\n\n${sheet.partitionTables.map((t) => textBlock(`### ${t.label}`, t)).join("\n") || "None captured."}`,
    `## LVM\n\n${sheet.volumeGroups.map(vgBlock).join("\n") || "No volume groups captured."}`,
    textBlock("## /etc/fstab", sheet.fstab),
    textBlock("## Block devices (lsblk)", sheet.lsblk),
  ];
  return `${parts.join("\n\n")}`;
}
