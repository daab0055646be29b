import {
  createCollectorMetrics,
  createKeyResolver,
  loadCollectorEnv,
  serveMetrics,
  settingsFromEnv,
  startCollectorLoop,
} from "@holmes/collector";
import { createDb } from "@holmes/db/client";

/** `holmes collector`: the long-running poller (what docker compose and `npm start` run). */
export async function collectorCommand(): Promise<number> {
  const env = loadCollectorEnv();
  const handle = createDb({ url: env.DATABASE_URL, max: 10, applicationName: "holmes-collector" });
  const settings = settingsFromEnv(env);
  const metrics = createCollectorMetrics();
  const metricsServer =
    env.HOLMES_METRICS_PORT > 0 ? await serveMetrics(metrics, env.HOLMES_METRICS_PORT) : null;
  if (metricsServer)
    console.log(`holmes collector: metrics at http://127.0.0.1:${metricsServer.port}/metrics`);
  const loop = startCollectorLoop({
    db: handle.db,
    settings,
    rawRetentionDays: env.HOLMES_RAW_RETENTION_DAYS,
    privateKeyFor: createKeyResolver({
      defaultKeyPath: env.HOLMES_SSH_KEY_PATH,
      credentialsKey: env.HOLMES_CREDENTIALS_KEY,
    }),
    onCycle: (results, durationMs) => {
      metrics.recordCycle(results, durationMs);
      const failed = results.filter(
        (r) => r.status !== "ok" && r.status !== "partial" && r.status !== "skipped",
      );
      console.log(
        `holmes collector: polled ${results.length} hosts in ${durationMs} ms, ${failed.length} failed`,
      );
    },
  });
  console.log(
    `holmes collector: polling every ${settings.intervalMs / 1000} s, ${settings.concurrency} at a time`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await loop.stop();
  metricsServer?.server.close();
  await handle.close();
  return 0;
}
