/**
 * The JSON that util-linux's libsmartcols prints for lsblk, findmnt and losetup (2.37+): three
 * spaces per level, one key per line, siblings joined as `},{`, children under "children".
 *
 *   {
 *      "blockdevices": [
 *         {
 *            "name": "sda",
 *            "children": [
 *               {
 *                  "name": "sda1"
 *               },{
 */
export type SmartcolsValue = string | number | boolean | null;
export type SmartcolsRow = { fields: Array<[string, SmartcolsValue]>; children: SmartcolsRow[] };

export function renderSmartcolsJson(tableName: string, rows: readonly SmartcolsRow[]): string {
  if (rows.length === 0) return `{\n   "${tableName}": [\n   ]\n}\n`;
  return `{\n   "${tableName}": [\n${renderRows(rows, 2)}\n   ]\n}\n`;
}

const INDENT = Array.from({ length: 24 }, (_, level) => "   ".repeat(level));

/** Plain string building: this runs for every block device on every poll. */
function renderRows(rows: readonly SmartcolsRow[], level: number): string {
  const pad = INDENT[level] ?? "   ".repeat(level);
  const inner = INDENT[level + 1] ?? "   ".repeat(level + 1);
  let out = "";
  for (const row of rows) {
    out += out === "" ? `${pad}{\n` : `\n${pad}},{\n`;
    let first = true;
    for (const [key, value] of row.fields) {
      out += `${first ? "" : ",\n"}${inner}"${key}": ${typeof value === "string" ? JSON.stringify(value) : String(value)}`;
      first = false;
    }
    if (row.children.length > 0) {
      out += `,\n${inner}"children": [\n${renderRows(row.children, level + 2)}\n${inner}]`;
    }
  }
  return `${out}\n${pad}}`;
}
