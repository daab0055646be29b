import { appRouter, createTRPCContext } from "@holmes/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { services } from "~/server/holmes";

function handler(request: Request) {
  const { handle, auth, allowedOrigins, credentialsKey, timelineBroker, runbooksDirectory } =
    services();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // Lets a query be POSTed (the import preview's text); only mutations change anything.
    allowMethodOverride: true,
    createContext: () =>
      createTRPCContext({
        headers: request.headers,
        db: handle.db,
        auth,
        allowedOrigins,
        credentialsKey,
        timelineBroker,
        runbooksDirectory,
      }),
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        // Logged once, without input: inputs may hold secrets.
        console.error(`tRPC ${path ?? "?"} failed: ${error.message}`);
      }
    },
  });
}

export { handler as GET, handler as POST };
