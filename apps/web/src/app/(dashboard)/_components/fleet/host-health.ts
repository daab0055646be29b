import type { AppRouter } from "@holmes/api";
import type { inferRouterOutputs } from "@trpc/server";

type FleetHost = inferRouterOutputs<AppRouter>["host"]["list"][number];

export type HostHealth = {
  level: "critical" | "warning" | "ok" | "unknown";
  label: string;
  detail: string | null;
};

/** The worst thing about a host, in words (colour is never the only signal). */
export function hostHealth(host: FleetHost, now: number): HostHealth {
  if (host.presentedHostKey || host.state === "host_key_changed") {
    return {
      level: "critical",
      label: "host key changed",
      detail: "polling stopped until an admin accepts the new key",
    };
  }
  if (host.state === "never") return { level: "unknown", label: "not polled yet", detail: null };
  if (host.state !== "ok" && host.state !== "partial") {
    return {
      level: "critical",
      label: host.state.replace("_", " "),
      detail: host.lastErrorMessage,
    };
  }
  // Three of the host's own poll intervals (its groups may set one) without a successful poll.
  if (!host.lastSuccessAt || now - new Date(host.lastSuccessAt).getTime() > host.staleAfterMs) {
    const seconds = Math.round(host.staleAfterMs / 1000);
    return { level: "unknown", label: "stale", detail: `no successful poll for over ${seconds} s` };
  }
  if (host.inactiveArrays.length > 0)
    return { level: "critical", label: "array inactive", detail: host.inactiveArrays.join(", ") };
  if (host.degradedArrays.length > 0)
    return { level: "critical", label: "degraded", detail: host.degradedArrays.join(", ") };
  if (host.syncingArrays.length > 0)
    return { level: "warning", label: "resyncing", detail: host.syncingArrays.join(", ") };
  if (host.state === "partial")
    return { level: "warning", label: "partly read", detail: "some outputs could not be read" };
  return { level: "ok", label: "healthy", detail: null };
}

export function describeAge(at: Date | string, now: number): string {
  const seconds = Math.max(0, Math.round((now - new Date(at).getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}
