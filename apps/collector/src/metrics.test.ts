import { describe, expect, it } from "vitest";
import { createCollectorMetrics, serveMetrics } from "./metrics";

describe("collector metrics", () => {
  it("counts polls by outcome and serves them in the Prometheus text format", async () => {
    const metrics = createCollectorMetrics();
    metrics.recordCycle(
      [
        { host: "a", status: "ok", message: "", durationMs: 120, outcome: null },
        { host: "b", status: "ok", message: "", durationMs: 80, outcome: null },
        {
          host: "c",
          status: "TIMEOUT",
          message: "no SSH session",
          durationMs: 10_000,
          outcome: null,
        },
        { host: "d", status: "skipped", message: "backing off", durationMs: 0, outcome: null },
      ],
      10_050,
    );
    const { port, server } = await serveMetrics(metrics, 0);
    try {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toContain('holmes_polls_total{status="ok"} 2');
      expect(text).toContain('holmes_polls_total{status="TIMEOUT"} 1');
      expect(text).toContain('holmes_polls_total{status="skipped"} 1');
      expect(text).toContain("holmes_poll_duration_seconds_count 3");
      expect(text).toContain("holmes_collector_last_cycle_seconds 10.05");
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
