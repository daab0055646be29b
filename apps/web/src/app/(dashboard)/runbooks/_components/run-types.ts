import type { RouterOutputs } from "@holmes/api";

export type RunView = RouterOutputs["runbook"]["run"];
export type RunStepView = RunView["steps"][number];
/** The signed-in user as the run page needs them: who they are, and whether they may act. */
export type Me = { id: string; canRespond: boolean } | null;
