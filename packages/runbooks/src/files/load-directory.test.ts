import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RUNBOOK_DIRECTORY, loadRunbookDirectory, resolveRunbookDirectory } from ".";

const runbook = (id: string) =>
  `---\nid: ${id}\ntitle: T\nsummary: S\napplies_to: []\n---\n\n## Step\n\n\`\`\`check\nid: c\ndescription: d\nprobe: uname\nexpect: { that: kernel-at-least, version: 2.6.21 }\n\`\`\`\n`;

describe("loadRunbookDirectory", () => {
  let directory: string;

  beforeEach(async () => {
    directory = join(await mkdtemp(join(tmpdir(), "holmes-runbooks-")), "runbooks");
    await mkdir(directory);
  });

  afterEach(async () => {
    await rm(join(directory, ".."), { recursive: true, force: true });
  });

  it("reads every *.md but README.md, naming each problem by file and line", async () => {
    await writeFile(join(directory, "a.md"), runbook("a"));
    await writeFile(join(directory, "b.md"), runbook("b").replace("probe: uname", "probe: unam"));
    await writeFile(join(directory, "README.md"), "# not a runbook\n");
    await writeFile(join(directory, "notes.txt"), "ignored");
    await mkdir(join(directory, "nested.md"));
    const loaded = await loadRunbookDirectory(directory);
    expect(loaded.runbooks.map((r) => [r.id, r.source])).toEqual([
      ["a", { kind: "file", path: "runbooks/a.md" }],
    ]);
    expect(loaded.problems).toEqual([
      { file: "runbooks/b.md", line: 13, message: expect.stringMatching(/unknown probe "unam"/) },
    ]);
  });

  it("keeps the first of two files with one id and reports the second", async () => {
    await writeFile(join(directory, "a.md"), runbook("same"));
    await writeFile(join(directory, "b.md"), runbook("same"));
    const loaded = await loadRunbookDirectory(directory);
    expect(loaded.runbooks).toHaveLength(1);
    expect(loaded.problems).toEqual([
      { file: "runbooks/b.md", line: 1, message: 'id "same" is already used by runbooks/a.md' },
    ]);
  });

  it("fails loudly for a directory that does not exist", async () => {
    await expect(loadRunbookDirectory(join(directory, "missing"))).rejects.toThrow(/ENOENT/);
  });
});

describe("resolveRunbookDirectory", () => {
  it("prefers the configured directory and falls back to the repository's runbooks/", () => {
    expect(resolveRunbookDirectory(" /opt/holmes/runbooks ")).toBe("/opt/holmes/runbooks");
    expect(resolveRunbookDirectory(undefined)).toBe(DEFAULT_RUNBOOK_DIRECTORY);
    expect(resolveRunbookDirectory("")).toBe(DEFAULT_RUNBOOK_DIRECTORY);
    expect(DEFAULT_RUNBOOK_DIRECTORY).toMatch(/\/runbooks\/$/);
  });
});
