import type { Sheet } from "./sheet-types";

type SheetText = NonNullable<Sheet["fstab"]>;
type TextLike = Omit<SheetText, "goneSince" | "before"> &
  Partial<Pick<SheetText, "goneSince" | "before">>;

export const when = (at: Date) => at.toLocaleString(undefined, { timeZoneName: "short" });

function Body(props: { text: string | null }) {
  if (props.text === null) {
    return (
      <p role="alert" className="rounded bg-red-100 px-3 py-2 text-sm text-red-900">
        Integrity check failed: this text no longer matches the sha256 stored at capture, so it is
        not shown.
      </p>
    );
  }
  return (
    <pre className="overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 text-xs dark:border-zinc-800 dark:bg-zinc-950">
      {props.text}
    </pre>
  );
}

/**
 * One captured text with its capture time, source and hash (withheld if it fails its check),
 * and, when it changed since the recent alerts, the version from before beside it.
 */
export function SheetTextBlock(props: { title: string; item: TextLike | null; level: 2 | 3 }) {
  const Heading = props.level === 2 ? "h2" : "h3";
  const headingClass =
    props.level === 2 ? "text-xl font-semibold" : "font-mono text-sm font-semibold";
  const { item } = props;
  return (
    <section className="space-y-1">
      <Heading className={headingClass}>{props.title}</Heading>
      {!item ? (
        <p className="text-sm">Not captured.</p>
      ) : (
        <>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            Captured {when(item.capturedAt)} · <code>{item.source}</code> · sha256{" "}
            <code>{item.sha256.slice(0, 16)}…</code>
            {item.goneSince && (
              <strong className="ml-1 text-amber-800 dark:text-amber-300">
                · gone from the host since {when(item.goneSince)}: last seen version
              </strong>
            )}
          </p>
          <Body text={item.text} />
          {item.before && (
            <div className="space-y-1 rounded border-2 border-amber-400 p-2">
              <p className="text-xs font-semibold">
                Before the recent change: captured {when(item.before.capturedAt)} · sha256{" "}
                <code>{item.before.sha256.slice(0, 16)}…</code>
              </p>
              <Body text={item.before.text} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
