import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  deliveryOutcome,
  MAX_DELIVERY_ATTEMPTS,
  retryDelayMs,
  signWebhookBody,
  verifyWebhookSignature,
} from "./webhook-signing";

describe("webhook signatures", () => {
  const body = '{"event":"incident.declared","text":"INC-1"}';

  it("is sha256=<hex HMAC of the raw body>, as any HMAC library computes it", () => {
    const hex = createHmac("sha256", "whsec_test").update(body).digest("hex");
    expect(signWebhookBody(body, "whsec_test")).toBe(`sha256=${hex}`);
  });

  it("verifies only the same body under the same secret", () => {
    const signature = signWebhookBody(body, "whsec_test");
    expect(verifyWebhookSignature(body, "whsec_test", signature)).toBe(true);
    expect(verifyWebhookSignature(`${body} `, "whsec_test", signature)).toBe(false);
    expect(verifyWebhookSignature(body, "whsec_other", signature)).toBe(false);
    expect(verifyWebhookSignature(body, "whsec_test", null)).toBe(false);
    expect(verifyWebhookSignature(body, "whsec_test", "sha256=00")).toBe(false);
  });
});

describe("retry backoff", () => {
  it("waits 30 s, 2 min, 10 min, 1 h, 1 h, then gives up after the 6th attempt", () => {
    const delays = [1, 2, 3, 4, 5, 6].map(retryDelayMs);
    expect(delays).toEqual([30_000, 120_000, 600_000, 3_600_000, 3_600_000, null]);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(6);
  });

  it("delivers on any 2xx, retries anything else, fails after the last attempt", () => {
    const now = new Date("2024-05-01T10:00:00Z");
    expect(deliveryOutcome(1, { statusCode: 204 }, now)).toEqual({
      kind: "delivered",
      statusCode: 204,
    });
    expect(deliveryOutcome(1, { statusCode: 500 }, now)).toEqual({
      kind: "retry",
      statusCode: 500,
      error: "HTTP 500",
      nextAttemptAt: new Date("2024-05-01T10:00:30Z"),
    });
    expect(deliveryOutcome(2, { error: "ECONNREFUSED" }, now)).toMatchObject({
      kind: "retry",
      statusCode: null,
      nextAttemptAt: new Date("2024-05-01T10:02:00Z"),
    });
    expect(deliveryOutcome(6, { statusCode: 302 }, now)).toEqual({
      kind: "failed",
      statusCode: 302,
      error: "HTTP 302",
    });
  });
});
