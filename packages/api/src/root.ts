import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { hostRouter } from "./routers/host";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  admin: adminRouter,
  host: hostRouter,
});

export type AppRouter = typeof appRouter;
