import { describe, expect, it } from "vitest";
import { hostKeyChangedError, ProbeErrorSchema, probeError } from "./probe-error";

describe("ProbeErrorSchema", () => {
  it("accepts what the constructors build", () => {
    const changed = hostKeyChangedError("root@db1:22", {
      expectedFingerprint: "SHA256:old",
      presentedFingerprint: "SHA256:new",
    });
    expect(ProbeErrorSchema.parse(changed)).toEqual(changed);
    expect(changed.message).toContain("SHA256:old");
    expect(changed.message).toContain("SHA256:new");
    const timeout = probeError("TIMEOUT", "db1: too slow", { partialStdout: "…" });
    expect(ProbeErrorSchema.parse(timeout)).toEqual(timeout);
    expect(ProbeErrorSchema.parse(probeError("UNREACHABLE", "x"))).toEqual({
      code: "UNREACHABLE",
      message: "x",
    });
  });

  it("requires both fingerprints on HOST_KEY_CHANGED", () => {
    expect(ProbeErrorSchema.safeParse({ code: "HOST_KEY_CHANGED", message: "x" }).success).toBe(
      false,
    );
    expect(
      ProbeErrorSchema.safeParse({
        code: "HOST_KEY_CHANGED",
        message: "x",
        detail: { expectedFingerprint: "a" },
      }).success,
    ).toBe(false);
  });

  it("rejects unknown codes", () => {
    expect(ProbeErrorSchema.safeParse({ code: "NOPE", message: "x" }).success).toBe(false);
  });
});
