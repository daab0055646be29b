import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "web-e2e",
    include: ["e2e/**/*.spec.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One built app, one browser: the browser tests run one file at a time.
    fileParallelism: false,
  },
});
