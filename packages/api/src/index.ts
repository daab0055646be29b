export { type Auth, type AuthOptions, createAuth, createUserAccount } from "./auth";
export {
  type Context,
  createContextInner,
  createTRPCContext,
  type SessionUser,
} from "./context";
export { type AppRouter, appRouter } from "./root";
export {
  type AlertmanagerReceiverDeps,
  handleAlertmanagerRequest,
} from "./services/alertmanager-receiver";
export { startWebhookWorker, type WebhookWorker } from "./services/webhook-worker";
export { createCallerFactory, type ProcedureMeta } from "./trpc";
export type { RouterInputs, RouterOutputs } from "./types";
