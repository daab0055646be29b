import type { UpdateAudience } from "@holmes/core";

const OPTION =
  "flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-xs has-focus-visible:ring-2 has-focus-visible:ring-sky-500";

/** Internal or public; public is amber and says where it goes, so nobody posts there by accident. */
export function AudienceToggle(props: {
  name: string;
  value: UpdateAudience;
  onChange: (audience: UpdateAudience) => void;
}) {
  return (
    <fieldset className="flex items-center gap-1 rounded-lg border border-zinc-300 p-0.5 dark:border-zinc-700">
      <legend className="sr-only">Audience</legend>
      <label
        className={`${OPTION} has-checked:bg-zinc-200 has-checked:font-medium dark:has-checked:bg-zinc-800`}
      >
        <input
          type="radio"
          name={props.name}
          value="internal"
          checked={props.value === "internal"}
          onChange={() => props.onChange("internal")}
          className="sr-only"
        />
        Internal
      </label>
      <label
        className={`${OPTION} has-checked:bg-amber-500 has-checked:font-semibold has-checked:text-amber-950`}
      >
        <input
          type="radio"
          name={props.name}
          value="public"
          checked={props.value === "public"}
          onChange={() => props.onChange("public")}
          className="sr-only"
        />
        Public (status page)
      </label>
    </fieldset>
  );
}
