import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteShellWord, splitShellLine, toShellLine } from "./shell";

const anyWord = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.stringMatching(/^[A-Za-z0-9_@%+=:,./-]{1,12}$/),
  fc.constantFrom("'", "''", "a'b", "\n", "x\ny", "$(id)", "`id`", "--help", "", " ", "\\", '"'),
);

describe("toShellLine", () => {
  it.each([
    [["cat", "/proc/mdstat"], "cat /proc/mdstat"],
    [["lsblk", "-o", "NAME,MAJ:MIN"], "lsblk -o NAME,MAJ:MIN"],
    [["mdadm", "sda;reboot"], "mdadm 'sda;reboot'"],
    [["echo", "$(id)"], "echo '$(id)'"],
    [["echo", "a'b"], "echo 'a'\\''b'"],
    [["echo", ""], "echo ''"],
    [["echo", "x\ny"], "echo 'x\ny'"],
    [["FOO=bar", "x"], "'FOO=bar' x"],
    [["%1"], "'%1'"],
    [["env", "FOO=bar"], "env FOO=bar"],
  ])("%j → %s", (argv, line) => {
    expect(toShellLine(argv)).toBe(line);
  });

  it("quotes every word that holds anything but the safe characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (word) => {
        const quoted = quoteShellWord(word);
        const isBare = /^[A-Za-z0-9_@%+=:,./-]+$/.test(word);
        expect(quoted === word).toBe(isBare);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("splitShellLine", () => {
  it("is the exact inverse of toShellLine (unicode, quotes, newlines, empty words)", () => {
    fc.assert(
      fc.property(fc.array(anyWord, { minLength: 1, maxLength: 8 }), (argv) => {
        expect(splitShellLine(toShellLine(argv))).toEqual(argv);
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    "",
    " cat /proc/mdstat",
    "cat /proc/mdstat ",
    "cat  /proc/mdstat",
    "cat /proc/mdstat; reboot",
    "cat /proc/mdstat;reboot",
    "echo $(id)",
    "echo `id`",
    "cat /etc/fstab | sh",
    "cat /etc/fstab > /etc/passwd",
    "cat < /etc/shadow",
    'echo "x"',
    "echo 'unterminated",
    "echo 'a'b",
    "echo a'b'",
    "echo 'abc'",
    "echo $HOME",
    "echo ~root",
    "echo a\\ b",
    "cat /proc/mdstat &",
    "cat\t/proc/mdstat",
    "FOO=bar cat",
    "echo {a,b}",
    "echo *",
  ])("rejects %j", (line) => {
    expect(splitShellLine(line)).toBeNull();
  });

  it("never accepts a line that toShellLine would render differently", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (line) => {
        const words = splitShellLine(line);
        if (words !== null) expect(toShellLine(words)).toBe(line);
      }),
      { numRuns: 5_000 },
    );
  });
});
