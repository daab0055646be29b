import { diffLines } from "diff";

export type DiffSide = { line: number; text: string };
export type DiffRow = {
  kind: "same" | "added" | "removed" | "changed";
  left: DiffSide | null;
  right: DiffSide | null;
};

const linesOf = (value: string) => {
  const lines = value.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
};

/**
 * Two texts side by side, line by line (jsdiff's Myers line diff): removed lines pair with the
 * added lines that replace them as "changed" rows, the rest stand alone.
 */
export function sideBySideDiff(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let left = 1;
  let right = 1;
  let pendingRemoved: DiffSide[] = [];
  const flushRemoved = () => {
    for (const side of pendingRemoved) rows.push({ kind: "removed", left: side, right: null });
    pendingRemoved = [];
  };
  for (const change of diffLines(before, after)) {
    const lines = linesOf(change.value);
    if (change.removed) {
      pendingRemoved.push(...lines.map((text) => ({ line: left++, text })));
    } else if (change.added) {
      for (const text of lines) {
        const side = { line: right++, text };
        const removed = pendingRemoved.shift();
        rows.push(
          removed
            ? { kind: "changed", left: removed, right: side }
            : { kind: "added", left: null, right: side },
        );
      }
      flushRemoved();
    } else {
      flushRemoved();
      for (const text of lines)
        rows.push({ kind: "same", left: { line: left++, text }, right: { line: right++, text } });
    }
  }
  flushRemoved();
  return rows;
}
