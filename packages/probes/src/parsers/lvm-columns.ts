/*
 * `pvs|vgs|lvs --noheadings --separator '|' --units b --nosuffix -o <fields>`: the report of LVM
 * too old for `--reportformat json` (before 2.02.158; RHEL 5 has 2.02.88, RHEL 6 2.02.143):
 *
 *     VolGroup00|4Gk1Xq-…-Pd2cT1|wz--n-|159800377344|0|33554432|4762|0|1|2|0|3
 *     VolGroup00|LogVol00|Jb3xYv-…-8RtmQw|-wi-ao|155508555776||/dev/sda2(0)
 *
 * Source: lvm(8) report options, lvs(8)/vgs(8)/pvs(8) field names (LVM 2.02.88). Each row is
 * indented by two spaces; values are not padded when a separator is given; an empty value is an
 * empty field. The fields come in the order asked, so the caller passes that same list, and the
 * rows go through the JSON report reader: both forms end in one and the same `LvmReport`.
 */
import { type LvmReport, type ParseResult, parseFailure } from "@holmes/core";
import { parseLvmReport } from "./lvm";

export type LvmColumnsKind = "pv" | "vg" | "lv";

export function parseLvmColumns(
  text: string,
  kind: LvmColumnsKind,
  fields: readonly string[],
  separator: string,
): ParseResult<LvmReport> {
  const rows: Array<Record<string, string>> = [];
  const lineOfRow: number[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    const values = line.split(separator);
    if (values.length !== fields.length) {
      const expected = `${fields.length} "${separator}"-separated ${kind}s columns (${fields.join(",")})`;
      return parseFailure(expected, line, { line: i + 1 });
    }
    rows.push(Object.fromEntries(fields.map((field, j) => [field, values[j] ?? ""])));
    lineOfRow.push(i + 1);
  }
  const report = parseLvmReport(JSON.stringify({ report: [{ [kind]: rows }] }));
  if (report.ok) return report;
  return { ok: false, error: { ...report.error, ...lineOf(report.error.field, lineOfRow) } };
}

/** `report[0].vg[3].vg_size` → the line of row 3, so the error points into the text. */
function lineOf(field: string | undefined, lineOfRow: readonly number[]): { line?: number } {
  const row = field?.match(/^report\[0\]\.\w+\[(\d+)\]/)?.[1];
  const line = row === undefined ? undefined : lineOfRow[Number(row)];
  return line === undefined ? {} : { line };
}
