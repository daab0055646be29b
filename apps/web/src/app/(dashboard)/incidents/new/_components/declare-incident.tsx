"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { DeclareForm, type DeclareFormInitial } from "./declare-form";

const EMPTY: DeclareFormInitial = {
  title: "",
  severity: null,
  hostIds: [],
  findingIds: [],
  summary: "",
};

/** The declare form, blank or pre-filled from the finding named in `?finding=`. */
export function DeclareIncident(props: { findingId: string | null }) {
  return props.findingId ? (
    <FromFinding findingId={props.findingId} />
  ) : (
    <DeclareForm initial={EMPTY} />
  );
}

function FromFinding(props: { findingId: string }) {
  const trpc = useTRPC();
  const { data: finding } = useSuspenseQuery(
    trpc.incident.draftFromFinding.queryOptions({ findingId: props.findingId }),
  );
  return (
    <DeclareForm
      initial={{
        title: `${finding.hostName}: ${finding.title}`,
        severity: finding.suggestedSeverity,
        suggestedSeverity: finding.suggestedSeverity,
        hostIds: [finding.hostId],
        findingIds: [finding.id],
        summary: `Declared from the finding **${finding.title}** on \`${finding.hostName}\` (${finding.ruleId}, ${finding.severity}).\n\n${finding.explanation}`,
        fromFinding: `${finding.title} on ${finding.hostName}`,
      }}
    />
  );
}
