import { RoleSchema } from "@holmes/core";
import { listAudit } from "@holmes/db/queries/audit";
import { listUsers, setUserDisabled, setUserRole } from "@holmes/db/queries/users";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { createUserAccount } from "../auth/users";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const CreateUserInputSchema = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(120),
  role: RoleSchema,
  password: z.string().min(12, "At least 12 characters").max(128),
});

const usersRouter = {
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure
    .meta({ auditTarget: "user" })
    .input(CreateUserInputSchema)
    .mutation(({ ctx, input }) => createUserAccount(ctx.auth, input)),
  setRole: adminProcedure
    .meta({ auditTarget: "user" })
    .input(z.object({ userId: z.string().min(1), role: RoleSchema }))
    .mutation(({ ctx, input }) => setUserRole(ctx.db, input.userId, input.role)),
  setDisabled: adminProcedure
    .meta({ auditTarget: "user" })
    .input(z.object({ userId: z.string().min(1), disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, input.userId, input.disabled)),
} satisfies TRPCRouterRecord;

const auditRouter = {
  list: adminProcedure
    .input(
      z.object({
        cursor: z.number().int().nullish(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
} satisfies TRPCRouterRecord;

export const adminRouter = createTRPCRouter({ users: usersRouter, audit: auditRouter });
