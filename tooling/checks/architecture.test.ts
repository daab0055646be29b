import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");

/** Runs dependency-cruiser over one probe file written into `dir`, then removes the file. */
async function cruiseProbe(dir: string, source: string): Promise<{ code: number; output: string }> {
  const file = join(root, dir, `architecture-probe-${process.pid}.ts`);
  writeFileSync(file, source);
  try {
    const bin = join(root, "node_modules/.bin/depcruise");
    await run(bin, [file, "--config", ".dependency-cruiser.cjs"], { cwd: root });
    return { code: 0, output: "" };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: failure.code ?? 1, output: failure.stdout ?? "" };
  } finally {
    rmSync(file, { force: true });
  }
}

describe("the dependency direction of STYLE.md §3 is enforced", () => {
  it("refuses ui importing the database", async () => {
    const result = await cruiseProbe("packages/ui/src", 'import "@holmes/db/client";\n');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("ui-imports-only-core");
  });

  it("refuses core importing node built-ins", async () => {
    const result = await cruiseProbe("packages/core/src", 'import "node:fs";\n');
    expect(result.output).toContain("core-is-a-leaf");
  });

  it("refuses a web client module importing the API as a value", async () => {
    const result = await cruiseProbe(
      "apps/web/src",
      'import { appRouter } from "@holmes/api";\nexport const r = appRouter;\n',
    );
    expect(result.output).toContain("web-client-imports-api-types-only");
  });

  it("allows an import in the right direction", async () => {
    const result = await cruiseProbe("packages/api/src", 'import "@holmes/db/client";\n');
    expect(result.code).toBe(0);
  });
});
