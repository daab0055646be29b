// Test-only settings. Packages never read env outside an env.ts file (STYLE.md §11).
export const testDbEnv = {
  isCi: process.env.CI === "true",
  /** A server to create throwaway databases on; CI always sets it. */
  serverUrl: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL,
};
