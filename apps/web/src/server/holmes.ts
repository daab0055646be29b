import "server-only";
import { type Auth, createAuth } from "@holmes/api/auth";
import { createDb, type DbHandle } from "@holmes/db/client";
import { env } from "~/env";

type Services = { handle: DbHandle; auth: Auth; allowedOrigins: string[] };

// One pool and one auth instance per server process; dev hot reload keeps them on globalThis.
const holder = globalThis as typeof globalThis & { holmesServices?: Services };

export function services(): Services {
  if (!holder.holmesServices) {
    const handle = createDb({ url: env.DATABASE_URL, max: 10, applicationName: "holmes-web" });
    const auth = createAuth({
      db: handle.db,
      secret: env.HOLMES_AUTH_SECRET,
      baseUrl: env.HOLMES_PUBLIC_URL,
    });
    holder.holmesServices = {
      handle,
      auth,
      allowedOrigins: [new URL(env.HOLMES_PUBLIC_URL).origin],
    };
  }
  return holder.holmesServices;
}
