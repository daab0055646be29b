import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** The collector's settings. A wrong value stops it with one line naming the variable. */
export function loadCollectorEnv() {
  return createEnv({
    server: {
      DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
      /** The identity used for hosts with neither an identity file nor a stored credential. */
      HOLMES_SSH_KEY_PATH: z.string().optional(),
      HOLMES_SSH_USER: z.string().default("holmes"),
      /** 32+ characters; opens private keys stored sealed in the database. */
      HOLMES_CREDENTIALS_KEY: z.string().min(32, "must be at least 32 characters").optional(),
      /** The defaults: an inventory group may set its own (group_poll_intervals). */
      HOLMES_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
      HOLMES_SMART_INTERVAL_SECONDS: z.coerce.number().int().min(60).default(600),
      HOLMES_COLLECTOR_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(64),
      /** Days of raw poll outputs kept as evidence (each host's newest poll is always kept). */
      HOLMES_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).default(14),
      /** Prometheus metrics on 127.0.0.1:<port>/metrics; 0 turns them off. */
      HOLMES_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
      HOLMES_CONNECT_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(10),
      /** One poll's budget; unset: half the poll interval, at most 60 s. */
      HOLMES_POLL_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).optional(),
    },
    runtimeEnv: process.env,
    emptyStringAsUndefined: true,
    onValidationError: (issues) => {
      const lines = issues.map((issue) => `${issue.path?.join(".") ?? "?"}: ${issue.message}`);
      console.error(`holmes collector: invalid environment: ${lines.join("; ")}`);
      process.exit(1);
    },
  });
}

export type CollectorEnv = ReturnType<typeof loadCollectorEnv>;
