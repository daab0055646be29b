import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
