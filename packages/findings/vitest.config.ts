import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "findings",
    include: ["src/**/*.test.ts"],
  },
});
