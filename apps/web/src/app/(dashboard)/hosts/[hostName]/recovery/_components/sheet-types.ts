import type { RouterOutputs } from "@holmes/api";

export type Sheet = RouterOutputs["evidence"]["recoverySheet"];
