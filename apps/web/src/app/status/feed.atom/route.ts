import { env } from "~/env";
import { caller } from "~/trpc/server";
import { INCIDENT_STATUS_LABELS } from "../_components/format";
import { renderAtomFeed } from "./atom";

/** The status page's public updates of the last 90 days as Atom, for feed readers and chat bots. */
export async function GET() {
  const updates = await caller.statusPage.feed();
  const base = env.HOLMES_PUBLIC_URL.replace(/\/+$/, "");
  const xml = renderAtomFeed({
    id: `${base}/status/feed.atom`,
    title: "Service status",
    selfUrl: `${base}/status/feed.atom`,
    pageUrl: `${base}/status`,
    author: "Service status",
    updated: updates[0]?.createdAt ?? new Date(),
    entries: updates.map((update) => ({
      id: `urn:uuid:${update.id}`,
      title: `INC-${update.incidentNumber}: ${update.incidentTitle} (${
        update.statusChange ? INCIDENT_STATUS_LABELS[update.statusChange] : "Update"
      })`,
      link: `${base}/status/incidents/${update.incidentNumber}`,
      updated: update.createdAt,
      content: update.body,
    })),
  });
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=60",
    },
  });
}
