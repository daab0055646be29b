import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const authRouter = {
  /** The signed-in user, or null: the shell uses it to redirect to sign-in. */
  me: publicProcedure.query(({ ctx }) => ctx.user),
} satisfies TRPCRouterRecord;
