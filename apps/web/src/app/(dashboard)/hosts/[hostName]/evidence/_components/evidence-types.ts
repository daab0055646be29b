import type { RouterOutputs } from "@holmes/api";

export type EvidenceList = RouterOutputs["evidence"]["list"];
