import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "runbooks",
    include: ["src/**/*.test.ts"],
  },
});
