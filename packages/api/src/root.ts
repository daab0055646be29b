import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { evidenceRouter } from "./routers/evidence";
import { findingRouter } from "./routers/finding";
import { fleetRouter } from "./routers/fleet";
import { hostRouter } from "./routers/host";
import { incidentRouter } from "./routers/incident";
import { integrationsRouter } from "./routers/integrations";
import { inventoryRouter } from "./routers/inventory";
import { postmortemRouter } from "./routers/postmortem";
import { runbookRouter } from "./routers/runbook";
import { statusPageRouter } from "./routers/status-page";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  admin: adminRouter,
  evidence: evidenceRouter,
  finding: findingRouter,
  fleet: fleetRouter,
  host: hostRouter,
  incident: incidentRouter,
  integrations: integrationsRouter,
  inventory: inventoryRouter,
  postmortem: postmortemRouter,
  runbook: runbookRouter,
  statusPage: statusPageRouter,
});

export type AppRouter = typeof appRouter;
