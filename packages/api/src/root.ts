import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { findingRouter } from "./routers/finding";
import { fleetRouter } from "./routers/fleet";
import { hostRouter } from "./routers/host";
import { incidentRouter } from "./routers/incident";
import { inventoryRouter } from "./routers/inventory";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  admin: adminRouter,
  finding: findingRouter,
  fleet: fleetRouter,
  host: hostRouter,
  incident: incidentRouter,
  inventory: inventoryRouter,
});

export type AppRouter = typeof appRouter;
