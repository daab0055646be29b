import {
  createCollectorMetrics,
  createKeyResolver,
  limitHeapGrowth,
  loadCollectorEnv,
  queueTiming,
  serveMetrics,
  settingsFromEnv,
  startQueueCollector,
} from "@holmes/collector";
import { createDb } from "@holmes/db/client";
import { createJobQueue } from "@holmes/db/jobs";

/**
 * `holmes collector`: the long-running poller (what docker compose and `npm start` run). Any
 * number of them may run against one database: they share the hosts through pg-boss's queue.
 */
export async function collectorCommand(): Promise<number> {
  limitHeapGrowth();
  const env = loadCollectorEnv();
  const handle = createDb({ url: env.DATABASE_URL, max: 10, applicationName: "holmes-collector" });
  const settings = settingsFromEnv(env);
  const timing = queueTiming(settings);
  const metrics = createCollectorMetrics();
  const metricsServer =
    env.HOLMES_METRICS_PORT > 0 ? await serveMetrics(metrics, env.HOLMES_METRICS_PORT) : null;
  if (metricsServer)
    console.log(`holmes collector: metrics at http://127.0.0.1:${metricsServer.port}/metrics`);
  const jobs = createJobQueue({
    url: env.DATABASE_URL,
    applicationName: "holmes-collector-jobs",
    maintenanceIntervalSeconds: timing.maintenanceIntervalSeconds,
    keepFinishedSeconds: timing.keepFinishedSeconds,
    onError: (error) => console.error(`holmes collector: job queue: ${error.message}`),
  });
  await jobs.start();
  const collector = await startQueueCollector({
    db: handle.db,
    jobs,
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
    `holmes collector ${collector.instance}: polling every ${settings.intervalMs / 1000} s through ` +
      `the shared queue, ${settings.concurrency} at a time, ${timing.pollTimeoutMs / 1000} s per poll`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await collector.stop();
  metricsServer?.server.close();
  await handle.close();
  return 0;
}
