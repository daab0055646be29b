import { createCredential, listCredentials } from "@holmes/db/queries/credentials";
import { sealSecret } from "@holmes/db/sealed-secret";
import { checkPrivateKey } from "@holmes/inventory";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { adminProcedure } from "../trpc";
import { CreateCredentialInputSchema } from "./inventory.schema";

/**
 * Private keys go in and never come out: the list shows names and fingerprints, the upload
 * answers with the same, and the key is sealed (AES-256-GCM) before it reaches the database.
 */
export const credentialsRouter = {
  list: adminProcedure.query(({ ctx }) => listCredentials(ctx.db)),
  create: adminProcedure
    .meta({ auditTarget: "credential" })
    .input(CreateCredentialInputSchema)
    .mutation(({ ctx, input }) => {
      if (!ctx.credentialsKey) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message:
            "Storing keys needs HOLMES_CREDENTIALS_KEY (32+ characters) set on the web server and the collector.",
        });
      }
      const key = checkPrivateKey(input.privateKey);
      if (!key.ok)
        throw new TRPCError({ code: "BAD_REQUEST", message: `Not stored: ${key.reason}` });
      return createCredential(ctx.db, {
        name: input.name,
        sealedPrivateKey: sealSecret(key.text, ctx.credentialsKey),
        fingerprint: key.fingerprint,
      });
    }),
} satisfies TRPCRouterRecord;
