import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/**
 * The web process' settings, validated once at start (instrumentation.ts imports this file).
 * A wrong value stops the process with one line naming the variable.
 */
export const env = createEnv({
  server: {
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    HOLMES_AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    HOLMES_PUBLIC_URL: z.url().default("http://localhost:3000"),
    /** Seals private keys uploaded as credentials; unset, uploads are refused with a message. */
    HOLMES_CREDENTIALS_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    /**
     * How often the live timeline checks for entries LISTEN/NOTIFY did not deliver: after a
     * reconnect on a server, and always on the embedded PGlite, which cannot deliver them.
     */
    HOLMES_LIVE_POLL_MS: z.coerce.number().int().min(100).max(10_000).default(500),
    /** The shipped runbooks' directory; unset, the `runbooks/` at or above the working directory. */
    HOLMES_RUNBOOKS_DIR: z.string().min(1).optional(),
    NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: process.env.HOLMES_SKIP_ENV_VALIDATION === "1",
  onValidationError: (issues) => {
    const lines = issues.map((issue) => `${issue.path?.join(".") ?? "?"}: ${issue.message}`);
    console.error(`holmes web: invalid environment: ${lines.join("; ")}`);
    process.exit(1);
  },
});
