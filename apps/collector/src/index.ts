export { type CheckWorker, startCheckWorker } from "./checks/check-worker";
export { type CollectDeps, type CollectorSettings, collectHosts, type HostResult } from "./collect";
export { type CollectorEnv, loadCollectorEnv } from "./env";
export { limitHeapGrowth } from "./heap-growth";
export { createKeyResolver } from "./keys";
export { type CollectorLoop, startCollectorLoop } from "./loop";
export { type CollectorMetrics, createCollectorMetrics, serveMetrics } from "./metrics";
export { pollHost } from "./poll/poll-host";
export type { PollMemory } from "./poll/poll-memory";
export { type QueueCollector, startQueueCollector } from "./queue-collector";
export { type QueueTiming, queueTiming } from "./queue-timing";
export { RawOutputEncoder } from "./raw-output-encoder";
export { WriteCache } from "./write-cache";

import type { CollectorSettings } from "./collect";
import type { CollectorEnv } from "./env";
import { defaultPollTimeoutMs } from "./queue-timing";

export function settingsFromEnv(env: CollectorEnv): CollectorSettings {
  return {
    defaultUser: env.HOLMES_SSH_USER,
    connectTimeoutMs: env.HOLMES_CONNECT_TIMEOUT_SECONDS * 1000,
    keepaliveIntervalMs: 15_000,
    intervalMs: env.HOLMES_POLL_INTERVAL_SECONDS * 1000,
    smartIntervalMs: env.HOLMES_SMART_INTERVAL_SECONDS * 1000,
    concurrency: env.HOLMES_COLLECTOR_CONCURRENCY,
    pollTimeoutMs:
      env.HOLMES_POLL_TIMEOUT_SECONDS === undefined
        ? defaultPollTimeoutMs(env.HOLMES_POLL_INTERVAL_SECONDS * 1000)
        : env.HOLMES_POLL_TIMEOUT_SECONDS * 1000,
  };
}
