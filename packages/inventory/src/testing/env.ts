// Test-only settings. Packages never read env outside an env.ts file (STYLE.md §11).
export const testEnv = {
  isCi: process.env.CI === "true",
};
