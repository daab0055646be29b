/**
 * Expected host-side failures are data, not exceptions (STYLE.md §8): the collector stores each one
 * as a probe run with its code and message. Messages name the host and what went wrong, never
 * key material.
 */
import { z } from "zod";

export const PROBE_ERROR_CODES = [
  "UNREACHABLE",
  "AUTH_FAILED",
  "HOST_KEY_CHANGED",
  "TIMEOUT",
  "COMMAND_MISSING",
  "PARSE_FAILED",
] as const;
export const ProbeErrorCodeSchema = z.enum(PROBE_ERROR_CODES);
export type ProbeErrorCode = z.infer<typeof ProbeErrorCodeSchema>;

export const HostKeyChangedDetailSchema = z.object({
  /** The pinned fingerprint, `SHA256:<base64>` as `ssh-keygen -l` prints it. */
  expectedFingerprint: z.string(),
  presentedFingerprint: z.string(),
});
export type HostKeyChangedDetail = z.infer<typeof HostKeyChangedDetailSchema>;

const DetailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ProbeErrorSchema = z.discriminatedUnion("code", [
  z.object({
    code: z.literal("HOST_KEY_CHANGED"),
    message: z.string(),
    detail: HostKeyChangedDetailSchema,
  }),
  z.object({
    code: ProbeErrorCodeSchema.exclude(["HOST_KEY_CHANGED"]),
    message: z.string(),
    /** E.g. `partialStdout` of a command that timed out: what arrived is still worth keeping. */
    detail: z.record(z.string(), DetailValueSchema).optional(),
  }),
]);
export type ProbeError = z.infer<typeof ProbeErrorSchema>;

type OtherProbeErrorCode = Exclude<ProbeErrorCode, "HOST_KEY_CHANGED">;

export function probeError(
  code: OtherProbeErrorCode,
  message: string,
  detail?: Record<string, z.infer<typeof DetailValueSchema>>,
): ProbeError {
  return detail ? { code, message, detail } : { code, message };
}

export function hostKeyChangedError(host: string, detail: HostKeyChangedDetail): ProbeError {
  return {
    code: "HOST_KEY_CHANGED",
    message:
      `host key of ${host} changed: expected ${detail.expectedFingerprint}, ` +
      `presented ${detail.presentedFingerprint}; no command was run`,
    detail,
  };
}
