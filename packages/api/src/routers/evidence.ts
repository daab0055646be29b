import {
  AppError,
  EvidenceDiffInputSchema,
  EvidenceHostInputSchema,
  EvidenceVersionInputSchema,
} from "@holmes/core";
import { recordAudit } from "@holmes/db/queries/audit";
import { readVerifiedVersion } from "@holmes/db/queries/evidence-read";
import { requestEvidenceCapture } from "@holmes/db/queries/evidence-requests";
import { loadRecoveryEvidence } from "@holmes/db/queries/evidence-sheet";
import type { TRPCRouterRecord } from "@trpc/server";
import { sideBySideDiff } from "../services/evidence-diff";
import { evidenceView, resolveHost } from "../services/evidence-view";
import { recoverySheetMarkdown } from "../services/recovery-markdown";
import { buildRecoverySheet } from "../services/recovery-sheet";
import { responderProcedure, viewerProcedure } from "../trpc";

type Caller = { user: { id: string; email: string } };

/** Raw evidence leaving Holmes is written to the audit log, like any change would be. */
function auditDownload(
  ctx: Caller & { db: Parameters<typeof recordAudit>[0] },
  detail: {
    action: string;
    targetType: string;
    targetId: string;
    detail: Record<string, unknown>;
  },
) {
  return recordAudit(ctx.db, { actorId: ctx.user.id, actorEmail: ctx.user.email, ...detail });
}

/**
 * The evidence vault, read-only: the only way to change it is to ask the collector for one more
 * capture (`captureNow`). There is no update or delete; retention is the collector's own job.
 */
export const evidenceRouter = {
  /** Every item of a host's vault with its newest versions, open alerts and recent captures. */
  list: viewerProcedure
    .input(EvidenceHostInputSchema)
    .query(({ ctx, input }) => evidenceView(ctx.db, input.host)),
  /** One version's raw text, checked against its sha256 (a mismatch is refused). */
  version: viewerProcedure.input(EvidenceVersionInputSchema).query(async ({ ctx, input }) => {
    const { content, summary: _summary, ...version } = await readVerifiedVersion(ctx.db, input.id);
    if (input.download) {
      await auditDownload(ctx, {
        action: "evidence.download",
        targetType: "evidence_version",
        targetId: String(version.id),
        detail: { host: version.hostName, itemKey: version.itemKey, sha256: version.sha256 },
      });
    }
    return { ...version, content };
  }),
  /** Two versions of one host side by side, with the alerts the newer one raised. */
  diff: viewerProcedure.input(EvidenceDiffInputSchema).query(async ({ ctx, input }) => {
    const [from, to] = await Promise.all([
      readVerifiedVersion(ctx.db, input.fromId),
      readVerifiedVersion(ctx.db, input.toId),
    ]);
    if (from.hostId !== to.hostId) {
      throw new AppError("BAD_REQUEST", { userMessage: "Both versions must be of one host" });
    }
    const strip = ({ content: _c, summary: _s, ...rest }: typeof from) => rest;
    return { from: strip(from), to: strip(to), rows: sideBySideDiff(from.content, to.content) };
  }),
  /** Everything a recovery needs, latest first-hand, each with its capture time. */
  recoverySheet: viewerProcedure.input(EvidenceHostInputSchema).query(async ({ ctx, input }) => {
    const host = await resolveHost(ctx.db, input.host);
    const now = new Date();
    return buildRecoverySheet(host, await loadRecoveryEvidence(ctx.db, host.id, now), now);
  }),
  /** The recovery sheet as Markdown; a download of evidence, so it is audited. */
  recoverySheetMarkdown: viewerProcedure
    .input(EvidenceHostInputSchema)
    .query(async ({ ctx, input }) => {
      const host = await resolveHost(ctx.db, input.host);
      const now = new Date();
      const sheet = buildRecoverySheet(host, await loadRecoveryEvidence(ctx.db, host.id, now), now);
      await auditDownload(ctx, {
        action: "evidence.recoverySheet.download",
        targetType: "host",
        targetId: host.id,
        detail: { host: host.name },
      });
      const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, "");
      return {
        fileName: `recovery-${host.name}-${stamp}.md`,
        markdown: recoverySheetMarkdown(sheet),
      };
    }),
  /** Asks the collector for a capture at the host's next poll (within one poll interval). */
  captureNow: responderProcedure
    .meta({ auditTarget: "host" })
    .input(EvidenceHostInputSchema)
    .mutation(async ({ ctx, input }) => {
      const host = await resolveHost(ctx.db, input.host);
      const added = await requestEvidenceCapture(ctx.db, {
        hostIds: [host.id],
        reason: "on_demand",
        context: { userId: ctx.user.id, email: ctx.user.email },
        now: new Date(),
      });
      return { id: host.id, isQueued: true, wasAlreadyQueued: added === 0 };
    }),
} satisfies TRPCRouterRecord;
