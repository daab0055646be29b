import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** Settings of the `holmes` command. A wrong value stops it with one line naming the variable. */
export function loadCliEnv() {
  return createEnv({
    server: {
      DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
      HOLMES_DATA_DIR: z.string().default(".holmes"),
      HOLMES_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
      HOLMES_PUBLIC_URL: z.url().default("http://localhost:3000"),
      PORT: z.coerce.number().int().min(1).max(65535).default(3000),
      HOLMES_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(54330),
      HOLMES_EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(54329),
      NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
    onValidationError: (issues) => {
      const lines = issues.map((issue) => `${issue.path?.join(".") ?? "?"}: ${issue.message}`);
      console.error(`holmes: invalid environment: ${lines.join("; ")}`);
      process.exit(1);
    },
  });
}

export type CliEnv = ReturnType<typeof loadCliEnv>;

/** The environment handed on to child processes (web, collector), plus the given settings. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
