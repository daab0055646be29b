"use client";

import type { IncidentStatus, UpdateAudience } from "@holmes/core";
import { useCallback, useEffect, useState } from "react";

export type Draft = {
  body: string;
  audience: UpdateAudience;
  statusChange: IncidentStatus | "";
  /** Chosen once per draft and sent with every attempt, so a retried post is stored once. */
  idempotencyKey: string;
};

/** `crypto.randomUUID` exists only in secure contexts; a plain-http intranet install has none. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const storageKey = (incidentId: string) => `holmes.incident-draft.${incidentId}`;
const fresh = (): Draft => ({
  body: "",
  audience: "internal",
  statusChange: "",
  idempotencyKey: newIdempotencyKey(),
});

function readDraft(incidentId: string): Draft | null {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(incidentId)) ?? "null");
    if (typeof saved?.body !== "string" || typeof saved?.idempotencyKey !== "string") return null;
    return {
      body: saved.body,
      audience: saved.audience === "public" ? "public" : "internal",
      statusChange: typeof saved.statusChange === "string" ? saved.statusChange : "",
      idempotencyKey: saved.idempotencyKey,
    };
  } catch {
    return null; // storage disabled or a corrupt entry: start a new draft
  }
}

/**
 * The composer's draft, kept in localStorage per incident until it is posted: a failed post, a
 * reload or a closed tab loses nothing. Loaded after mount, since the server has no storage.
 */
export function useDraft(incidentId: string) {
  const [draft, setDraft] = useState<Draft>({ ...fresh(), idempotencyKey: "" });
  const [isLoaded, setLoaded] = useState(false);
  useEffect(() => {
    setDraft(readDraft(incidentId) ?? fresh());
    setLoaded(true);
  }, [incidentId]);
  useEffect(() => {
    if (!isLoaded) return;
    try {
      if (draft.body.trim() || draft.statusChange) {
        localStorage.setItem(storageKey(incidentId), JSON.stringify(draft));
      } else {
        localStorage.removeItem(storageKey(incidentId));
      }
    } catch {
      // Storage full or disabled: the draft still lives in memory until the tab closes.
    }
  }, [draft, incidentId, isLoaded]);
  const update = useCallback((patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch })), []);
  const reset = useCallback(() => setDraft(fresh()), []);
  return { draft, update, reset, isLoaded };
}
