"use client";

import { useEffect, useState } from "react";

/**
 * A search box bound to a filter held elsewhere (the URL): typing updates the box at once and
 * commits after a pause, and a change from outside (back button, "Clear filters") resets the box.
 */
export function useDraftText(
  committed: string,
  commit: (text: string) => void,
  delayMs = 250,
): [string, (text: string) => void] {
  const [text, setText] = useState(committed);
  useEffect(() => setText(committed), [committed]);
  useEffect(() => {
    if (text === committed) return;
    const timer = setTimeout(() => commit(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, committed, commit, delayMs]);
  return [text, setText];
}
