import { PageHeader } from "@holmes/ui";
import type { Metadata } from "next";
import { Panel } from "~/components/panel";
import { toUrlSearchParams } from "~/lib/search-params";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { parsePostmortemsFilter, postmortemsInput } from "./_components/postmortems-filter";
import { PostmortemsView } from "./_components/postmortems-view";

export const metadata: Metadata = { title: "Post-mortems" };

export default async function PostmortemsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filter = parsePostmortemsFilter(toUrlSearchParams(await props.searchParams));
  prefetch(trpc.postmortem.list.queryOptions(postmortemsInput(filter)));
  return (
    <HydrateClient>
      <PageHeader
        title="Post-mortems"
        description="What we learned from resolved incidents: drafted from the incident's own record, reviewed, published."
      />
      <Panel title="Post-mortems">
        <PostmortemsView />
      </Panel>
    </HydrateClient>
  );
}
