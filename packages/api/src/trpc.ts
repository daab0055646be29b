import { type Audience, hasRole, isAppError, type Role } from "@holmes/core";
import { recordAudit } from "@holmes/db/queries/audit";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import type { Context } from "./context";
import { redactSecrets, toTrpcCode } from "./errors";

export type ProcedureMeta = {
  /** Who may call the procedure; set by the four builders below, never by hand. */
  audience?: Audience;
  /** What kind of object a mutation changes, for the audit log. */
  auditTarget?: string;
};

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          stack: undefined,
          appError: isAppError(cause) ? { code: cause.code, userMessage: cause.userMessage } : null,
          zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors thrown below the API become tRPC errors with the matching code. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAppError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: toTrpcCode(cause.code), message: cause.userMessage, cause });
  }
  return result;
});

/** A browser mutation must come from Holmes' own origin (defence against CSRF). */
const checkOrigin = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.origin) {
    const { requestOrigin, allowedOrigins } = ctx.origin;
    if (!requestOrigin || !allowedOrigins.includes(requestOrigin)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Cross-origin request refused" });
    }
  }
  return next();
});

/** Every successful mutation is written to the append-only audit log. */
const auditMutations = t.middleware(async ({ ctx, type, path, meta, getRawInput, next }) => {
  const result = await next();
  if (type === "mutation" && result.ok) {
    const input = await getRawInput();
    await recordAudit(ctx.db, {
      actorId: ctx.user?.id ?? null,
      actorEmail: ctx.user?.email ?? null,
      action: path,
      targetType: meta?.auditTarget ?? null,
      targetId: targetIdOf(input, result.data),
      detail: redactSecrets(input),
    });
  }
  return result;
});

function targetIdOf(input: unknown, output: unknown): string | null {
  for (const value of [input, output]) {
    if (value && typeof value === "object" && "id" in value) return String(value.id);
    if (value && typeof value === "object" && "userId" in value) return String(value.userId);
  }
  return null;
}

const base = t.procedure.use(mapAppErrors).use(checkOrigin).use(auditMutations);

function requireRole(role: Role) {
  return t.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
    if (!hasRole(ctx.user.role, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${role} role` });
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}

// The only four ways to define a procedure: each states its audience. `t.procedure` is not
// exported, so a procedure without one cannot be written.
export const publicProcedure = base.meta({ audience: "public" });
export const viewerProcedure = base.meta({ audience: "viewer" }).use(requireRole("viewer"));
export const responderProcedure = base
  .meta({ audience: "responder" })
  .use(requireRole("responder"));
export const adminProcedure = base.meta({ audience: "admin" }).use(requireRole("admin"));
