import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tooling/*"],
    reporters: ["default", "./scripts/vitest-summary-reporter.ts"],
  },
});
