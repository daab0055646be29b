import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { decodeRawOutputs } from "@holmes/db/queries/raw-outputs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { importBundled } from "../bin/import-bundled.mjs";

const REPO = resolve(import.meta.dirname, "../../..");
const urlOf = (path: string) => pathToFileURL(resolve(REPO, path));

describe("importBundled (how `holmes collector` loads)", () => {
  const scratch = mkdtempSync(join(tmpdir(), "holmes-import-bundled-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("bundles our modules but imports node_modules packages from where they are", async () => {
    const bundled = await importBundled(urlOf("apps/cli/src/testing/bundled-module.ts"));
    // The very instance this test imported: zod was not copied into the bundle.
    expect(bundled.zod).toBe(z);
  });

  it("leaves no esbuild service process running", async () => {
    await importBundled(urlOf("apps/cli/src/testing/bundled-module.ts"));
    const children = execFileSync("ps", ["--ppid", String(process.pid), "-o", "args="], {
      encoding: "utf8",
    });
    expect(children).not.toMatch(/esbuild/);
  });

  it("gives each module its own location, not the bundle's", async () => {
    const fixture = resolve(REPO, "apps/cli/src/testing/bundled-module.ts");
    const bundled = await importBundled(pathToFileURL(fixture));
    expect(bundled.ownUrl).toBe(pathToFileURL(fixture).href);
    expect(bundled.ownDirname).toBe(resolve(REPO, "apps/cli/src/testing"));
    const migrate = await importBundled(urlOf("packages/db/src/migrate.ts"));
    expect(migrate.MIGRATIONS_DIR).toBe(resolve(REPO, "drizzle"));
  });

  it("starts the collector's raw-output thread, which lives beside its source", async () => {
    const warn = vi.spyOn(console, "error");
    const { RawOutputEncoder } = (await importBundled(
      urlOf("apps/collector/src/raw-output-encoder.ts"),
    )) as { RawOutputEncoder: typeof import("@holmes/collector").RawOutputEncoder };
    const encoder = new RawOutputEncoder();
    const sections = [{ id: "mdstat", exitCode: 0, output: "Personalities : [raid1]\n" }];
    try {
      const encoded = await encoder.encode(sections);
      expect(decodeRawOutputs(encoded.rawOutputs, encoded.rawEncoding)).toEqual(sections);
      // The thread answered: the poll loop did not have to encode it itself.
      expect(warn).not.toHaveBeenCalled();
    } finally {
      await encoder.close();
      warn.mockRestore();
    }
  });

  it("refuses an entry that does not compile, with esbuild's message", async () => {
    const broken = join(scratch, "broken.ts");
    writeFileSync(broken, "export const x: number = (;\n");
    await expect(importBundled(pathToFileURL(broken))).rejects.toThrow(/broken\.ts.*Unexpected/s);
  });
});
