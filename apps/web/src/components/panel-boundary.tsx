"use client";

import { Component, type ReactNode } from "react";

type Props = { title: string; onReset?: () => void; children: ReactNode };
type State = { error: Error | null };

/**
 * One failing panel shows its own error and a retry, and leaves the rest of the page alone.
 * React still needs a class for this (there is no hook for render errors).
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div
        role="alert"
        className="rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      >
        <p className="font-medium">{this.props.title} could not be loaded.</p>
        <p className="mt-1 text-xs opacity-80">{this.state.error.message}</p>
        <button
          type="button"
          className="mt-2 rounded border border-current px-2 py-0.5 text-xs"
          onClick={() => {
            this.props.onReset?.();
            this.setState({ error: null });
          }}
        >
          Retry
        </button>
      </div>
    );
  }
}
