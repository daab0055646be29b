"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "~/lib/error-message";
import { saveText } from "~/lib/save-text";
import { useTRPC } from "~/trpc/react";

/** The sheet as a Markdown file; the server builds it and writes the download to the audit log. */
export function MarkdownDownload(props: { host: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  async function handleDownload() {
    try {
      setError(null);
      const file = await queryClient.fetchQuery({
        ...trpc.evidence.recoverySheetMarkdown.queryOptions({ host: props.host }),
        staleTime: 0,
      });
      saveText(file.fileName, file.markdown, "text/markdown");
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <>
      <button
        type="button"
        onClick={handleDownload}
        className="rounded bg-sky-700 px-3 py-1 font-medium text-white"
      >
        Download as Markdown
      </button>
      {error && (
        <span role="alert" className="text-red-800 dark:text-red-300">
          {error}
        </span>
      )}
    </>
  );
}
