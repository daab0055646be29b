"use client";

import { QueryErrorResetBoundary } from "@tanstack/react-query";
import { type ReactNode, Suspense } from "react";
import { PanelBoundary } from "./panel-boundary";

/** A dashboard panel: its own loading state, and its own error with a retry that refetches. */
export function Panel(props: { title: string; fallback?: ReactNode; children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <PanelBoundary title={props.title} onReset={reset}>
          <Suspense
            fallback={
              props.fallback ?? (
                <div
                  aria-busy="true"
                  className="h-24 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-900"
                >
                  <span className="sr-only">Loading {props.title.toLowerCase()}…</span>
                </div>
              )
            }
          >
            {props.children}
          </Suspense>
        </PanelBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}
