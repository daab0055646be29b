import { execFileSync } from "node:child_process";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  missingVariables,
  renderCommand,
  shellQuote,
  templateSyntaxError,
  templateVariables,
} from "./template";

/**
 * Runs the rendered text through a real POSIX shell (`sh -c 'printf ...'`) and returns the
 * arguments the shell passed to printf, NUL-separated so a newline inside one stays visible.
 */
function shellWords(rendered: string): string[] {
  const output = execFileSync("sh", ["-c", `printf '%s\\000' ${rendered}`], { encoding: "utf8" });
  return output.split("\u0000").slice(0, -1);
}

const HOSTILE = [
  "sda;reboot",
  "$(id)",
  "`id`",
  "a\nb",
  "../../etc/passwd",
  "it's",
  "'; touch /tmp/holmes-pwned; '",
  '"$HOME"',
  "a b\tc",
  "*",
  "~root",
  "\\",
  "",
];

describe("renderCommand through a real sh -c", () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value), value] as const))(
    "%s arrives as exactly one unchanged argument",
    (_label, value) => {
      const rendered = renderCommand("{{value}}", { value });
      expect(shellWords(rendered)).toEqual([value]);
    },
  );

  it("keeps the template's own words and quotes each list item as its own word", () => {
    const rendered = renderCommand("--level={{level}} {{members}} tail", {
      level: "6",
      members: ["/dev/sdb1", "$(id)", "a b"],
    });
    expect(rendered).toBe("--level='6' '/dev/sdb1' '$(id)' 'a b' tail");
    expect(shellWords(rendered)).toEqual(["--level=6", "/dev/sdb1", "$(id)", "a b", "tail"]);
  });

  it("substitutes every occurrence", () => {
    expect(
      renderCommand("mdadm {{a}} --fail {{m}} --remove {{m}}", { a: "/dev/md1", m: "/dev/sdb1" }),
    ).toBe("mdadm '/dev/md1' --fail '/dev/sdb1' --remove '/dev/sdb1'");
  });

  it("refuses to render with a variable unbound", () => {
    expect(() => renderCommand("mdadm --stop {{array}}", {})).toThrow(
      /no value bound for \{\{array\}\}/,
    );
  });

  test.prop([fc.string({ unit: "binary", maxLength: 40 })], { numRuns: 60 })(
    "any string survives shell quoting byte for byte",
    (value) => {
      // NUL cannot be in an argv at all, and printf's %s stops at it.
      fc.pre(!value.includes("\u0000"));
      const output = execFileSync("sh", ["-c", `printf '%s' ${shellQuote(value)}`], {
        encoding: "utf8",
      });
      expect(output).toBe(value);
    },
  );
});

describe("template syntax", () => {
  it("lists the variables in order of first use, and those still unbound", () => {
    expect(templateVariables("{{b}} {{a}} {{b}}")).toEqual(["b", "a"]);
    expect(missingVariables("{{b}} {{a}} {{c}}", { a: "1" })).toEqual(["b", "c"]);
  });

  it.each(["{{ array }}", "{{Array}}", "{{array}", "{array}}", "x }} y", "{{}}", "{{1a}}"])(
    "rejects %s",
    (template) => {
      expect(templateSyntaxError(template)).toMatch(/malformed placeholder/);
    },
  );

  it("accepts shell braces that are not placeholders", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, on purpose
    expect(templateSyntaxError("echo ${dev#/dev/} {a,b} {{array}}")).toBeNull();
  });
});
