import type { RouterOutputs } from "@holmes/api";
import { EmptyState } from "@holmes/ui";
import { ComponentStatusBadge } from "~/components/component-status-badge";

type PublicComponent = RouterOutputs["statusPage"]["summary"]["components"][number];

export function ComponentList(props: { components: PublicComponent[] }) {
  if (props.components.length === 0) {
    return <EmptyState title="No components are listed yet." />;
  }
  return (
    <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {props.components.map((component) => (
        <li key={component.name} className="flex flex-wrap items-center justify-between gap-3 p-4">
          <div>
            <p className="font-medium">{component.name}</p>
            {component.description && (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{component.description}</p>
            )}
          </div>
          <div className="flex flex-col items-end gap-1">
            <ComponentStatusBadge status={component.status} />
            {component.isManual && (
              <span className="text-xs text-zinc-500 dark:text-zinc-400">Set by the operators</span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
