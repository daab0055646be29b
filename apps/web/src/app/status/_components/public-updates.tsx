import type { RouterOutputs } from "@holmes/api";
import { Markdown } from "@holmes/ui";
import { formatUtc, INCIDENT_STATUS_LABELS } from "./format";

type PublicUpdate = RouterOutputs["statusPage"]["incident"]["updates"][number];

/** An incident's public updates, newest first, each under the status it announced. */
export function PublicUpdates(props: { updates: PublicUpdate[] }) {
  return (
    <ol className="space-y-4">
      {props.updates.map((update) => (
        <li key={update.id} className="grid gap-1 sm:grid-cols-[11rem_1fr] sm:gap-4">
          <div className="text-sm">
            <p className="font-semibold">
              {update.statusChange ? INCIDENT_STATUS_LABELS[update.statusChange] : "Update"}
            </p>
            <time
              dateTime={update.createdAt.toISOString()}
              className="text-xs text-zinc-500 dark:text-zinc-400"
            >
              {formatUtc(update.createdAt)}
            </time>
          </div>
          <Markdown>{update.body}</Markdown>
        </li>
      ))}
    </ol>
  );
}
