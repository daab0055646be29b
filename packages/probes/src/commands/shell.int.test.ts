import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { toShellLine } from "./shell";

const execFileAsync = promisify(execFile);

const HOSTILE = [
  "sda;reboot",
  "$(id)",
  "`id`",
  "a'b",
  "x\ny",
  "--help",
  "",
  "'",
  "\\",
  '"$HOME"',
  "*",
  "~root",
  "a b\tc",
  "> /tmp/x",
  "| sh",
  "&& reboot",
  "{a,b}",
  "!!",
  "mdäm ünïcode 🚀",
];

/** Runs printf in a real sh with the words quoted by toShellLine; each comes back on its own line. */
async function echoThroughShell(words: readonly string[], shell: string): Promise<string[]> {
  const line = toShellLine(["printf", "%s\\n", ...words]);
  const { stdout } = await execFileAsync(shell, ["-c", line], { encoding: "utf8" });
  return stdout.split("\n").slice(0, words.length);
}

describe("toShellLine in a real shell", () => {
  it.each(["sh", "bash"])("%s receives every hostile word unchanged", async (shell) => {
    // Words with a newline come back as two printf lines, so compare the joined text instead.
    const { stdout } = await execFileAsync(
      shell,
      ["-c", toShellLine(["printf", "%s\\0", ...HOSTILE])],
      {
        encoding: "utf8",
      },
    );
    expect(stdout.split("\0").slice(0, -1)).toEqual(HOSTILE);
  });

  it("keeps a first word that looks like an assignment a command name", async () => {
    const words = await echoThroughShell(["FOO=bar", "%1"], "sh");
    expect(words).toEqual(["FOO=bar", "%1"]);
    await expect(execFileAsync("sh", ["-c", toShellLine(["FOO=bar"])])).rejects.toMatchObject({
      code: 127,
    });
  });
});
