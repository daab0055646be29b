// Test-only settings. Packages never read env outside an env.ts file (STYLE.md §11).
export const e2eEnv = {
  chromiumPath: process.env.HOLMES_CHROMIUM ?? "/usr/bin/chromium",
  isCi: process.env.CI === "true",
  inherited: { ...process.env },
};
