import { listFleetHosts } from "@holmes/db/queries/fleet";
import { acceptPresentedHostKey } from "@holmes/db/queries/hosts";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure, viewerProcedure } from "../trpc";

export const hostRouter = {
  /** Every host with its collection status and md summary; the fleet list refreshes it. */
  list: viewerProcedure.query(({ ctx }) => listFleetHosts(ctx.db)),
  /** A changed host key is trusted only when an admin says so; the decision is audited. */
  acceptHostKey: adminProcedure
    .meta({ auditTarget: "host" })
    .input(z.object({ id: z.uuid(), fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/) }))
    .mutation(({ ctx, input }) =>
      acceptPresentedHostKey(ctx.db, input.id, input.fingerprint, new Date()),
    ),
} satisfies TRPCRouterRecord;
