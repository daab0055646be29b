import { setArrayExpectation } from "@holmes/db/queries/host-detail-arrays";
import { probeRunOutput } from "@holmes/db/queries/host-detail-history";
import { hostSeries } from "@holmes/db/queries/host-series";
import { acceptPresentedHostKey } from "@holmes/db/queries/hosts";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { fleetHostList } from "../services/fleet-host-list";
import { hostView } from "../services/host-view";
import { adminProcedure, responderProcedure, viewerProcedure } from "../trpc";
import {
  HostByIdInputSchema,
  HostSeriesInputSchema,
  ProbeRunOutputInputSchema,
  SetArrayExpectationInputSchema,
} from "./host.schema";

/** Raw outputs are for reading in a browser; a runaway dmesg is cut here, and says so. */
const MAX_OUTPUT_CHARS = 200_000;

export const hostRouter = {
  /** Every host with its collection status and md summary; the fleet list refreshes it. */
  list: viewerProcedure.query(({ ctx }) => fleetHostList(ctx.db)),
  /** The host page: state, history and findings of one host, by id or name. */
  byId: viewerProcedure
    .input(HostByIdInputSchema)
    .query(({ ctx, input }) => hostView(ctx.db, input.host, new Date())),
  /** Chart lines for one disk, one mount or the host's arrays, bucketed in SQL. */
  series: viewerProcedure
    .input(HostSeriesInputSchema)
    .query(({ ctx, input }) => hostSeries(ctx.db, { ...input, now: new Date() })),
  /** One poll's raw outputs, decompressed and capped; fetched only when someone expands it. */
  probeRunOutput: viewerProcedure.input(ProbeRunOutputInputSchema).query(async ({ ctx, input }) => {
    const run = await probeRunOutput(ctx.db, { ...input, maxCharsPerOutput: MAX_OUTPUT_CHARS });
    if (!run) throw new TRPCError({ code: "NOT_FOUND", message: "No such poll of this host" });
    return run;
  }),
  /**
   * Marks (or unmarks) an array "degraded by design". The findings engine reads the mark at the
   * host's next poll, so its degraded finding changes then, not now.
   */
  setArrayExpectation: responderProcedure
    .meta({ auditTarget: "host" })
    .input(SetArrayExpectationInputSchema)
    .mutation(async ({ ctx, input }) => {
      const row = await setArrayExpectation(ctx.db, {
        ...input,
        userId: ctx.user.id,
        now: new Date(),
      });
      return { id: row.hostId, ...row };
    }),
  /** A changed host key is trusted only when an admin says so; the decision is audited. */
  acceptHostKey: adminProcedure
    .meta({ auditTarget: "host" })
    .input(z.object({ id: z.uuid(), fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/) }))
    .mutation(({ ctx, input }) =>
      acceptPresentedHostKey(ctx.db, input.id, input.fingerprint, new Date()),
    ),
} satisfies TRPCRouterRecord;
