"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "~/trpc/react";

export type SeverityDefinition = { level: number; name: string; description: string };

/** The admin-edited SEV1–SEV4 definitions, and a lookup by level. */
export function useSeverities() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.incident.severities.queryOptions());
  const byLevel = useMemo(() => new Map(data.map((s) => [s.level, s])), [data]);
  return { severities: data as SeverityDefinition[], byLevel };
}
