"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * A filter held in the page URL: parse on read, serialize on write. `replace` keeps the back
 * button for real navigation rather than every keystroke of a search box.
 */
export function useUrlFilter<T>(
  parse: (params: URLSearchParams) => T,
  toQuery: (filter: T) => string,
): [T, (next: T) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => parse(new URLSearchParams(params.toString())), [params, parse]);
  const setFilter = useCallback(
    (next: T) => {
      const query = toQuery(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname, toQuery],
  );
  return [filter, setFilter];
}
