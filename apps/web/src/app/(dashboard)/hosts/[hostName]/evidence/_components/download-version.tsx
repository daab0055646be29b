"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { saveText } from "~/lib/save-text";
import { useTRPC } from "~/trpc/react";

/** Saves one version's raw text as a file; the server writes the download to the audit log. */
export function DownloadVersion(props: { id: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  async function handleDownload() {
    try {
      setError(null);
      const version = await queryClient.fetchQuery({
        ...trpc.evidence.version.queryOptions({ id: props.id, download: true }),
        staleTime: 0,
      });
      const stamp = version.capturedAt.toISOString().slice(0, 19).replace(/[-:T]/g, "");
      const name = `${version.hostName}-${version.itemKey.replace(/[^A-Za-z0-9.=-]+/g, "_")}-${stamp}.txt`;
      saveText(name, version.content, "text/plain");
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <>
      <button
        type="button"
        onClick={handleDownload}
        className="text-xs text-sky-700 underline dark:text-sky-300"
      >
        Download
      </button>
      {error && (
        <span role="alert" className="ml-2 text-xs text-red-800 dark:text-red-300">
          {error}
        </span>
      )}
    </>
  );
}
