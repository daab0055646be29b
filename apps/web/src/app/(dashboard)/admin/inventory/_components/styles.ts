/** Class lists shared by the inventory forms, matching the admin page's create-user form. */
export const FIELD =
  "rounded-md border border-zinc-300 bg-transparent px-3 py-2 text-sm dark:border-zinc-700";
export const LABEL = "grid gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400";
export const PRIMARY_BUTTON =
  "rounded-md bg-sky-700 px-3 py-2 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-60";
export const SECONDARY_BUTTON =
  "rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";
export const SMALL_BUTTON =
  "rounded border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800";
export const ALERT = "text-sm text-red-700 dark:text-red-400";
export const TABLE_HEAD =
  "border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800";
/** Rows pad their own cells, so every cell of a row lines up. */
export const TABLE_ROW = "border-b border-zinc-100 *:py-2 last:border-0 dark:border-zinc-800";
