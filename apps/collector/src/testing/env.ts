// Test-only settings. Packages never read env outside an env.ts file (STYLE.md §11).
export const testEnv = {
  /** Handed on to child processes the tests start (the `holmes` command). */
  inherited: { ...process.env },
};
