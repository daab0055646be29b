import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** Bench settings. Only env.ts files read process.env (STYLE.md §11). */
export const benchEnv = createEnv({
  server: {
    /** A Postgres server to bench against (a scratch database is made and dropped); else PGlite. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

/** The environment for a bench's child processes (sim, collector, ansible), plus the given. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
