import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { HostResult } from "./collect";

/** Prometheus metrics of one collector process: what its polls did and how long they took. */
export function createCollectorMetrics() {
  const registry = new Registry();
  const polls = new Counter({
    name: "holmes_polls_total",
    help: "Host polls by outcome (ok, partial, skipped, UNREACHABLE, AUTH_FAILED, HOST_KEY_CHANGED, TIMEOUT, …)",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "holmes_poll_duration_seconds",
    help: "Wall time of one host poll (both SSH round trips, parsing and the database write)",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const cycle = new Gauge({
    name: "holmes_collector_last_cycle_seconds",
    help: "Wall time of the last collection cycle",
    registers: [registry],
  });
  return {
    registry,
    recordCycle(results: readonly HostResult[], durationMs: number) {
      for (const result of results) {
        polls.inc({ status: result.status });
        if (result.status !== "skipped") duration.observe(result.durationMs / 1000);
      }
      cycle.set(durationMs / 1000);
    },
  };
}

export type CollectorMetrics = ReturnType<typeof createCollectorMetrics>;

/** Serves GET /metrics; anything else is 404. */
export async function serveMetrics(
  metrics: CollectorMetrics,
  port: number,
  host = "127.0.0.1",
): Promise<{ port: number; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { port: (server.address() as AddressInfo).port, server };
}
