import { AppError } from "@holmes/core";
import type { Bindings } from "./types";

/**
 * Templates: text with `{{name}}` placeholders. Only that exact form is a placeholder; any other
 * `{{` or `}}` is an error at parse time, so a typo (`{{ array }`) never reaches a command as text.
 */

const PLACEHOLDER = /\{\{([a-z][a-z0-9_]*)\}\}/g;
const VARIABLE_NAME = /^[a-z][a-z0-9_]*$/;

export function isVariableName(name: string): boolean {
  return VARIABLE_NAME.test(name);
}

/** The variable names a template uses, in order of first use. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))];
}

/** Null when every `{{`/`}}` in the template belongs to a well-formed placeholder. */
export function templateSyntaxError(template: string): string | null {
  const rest = template.replace(PLACEHOLDER, "");
  if (!rest.includes("{{") && !rest.includes("}}")) return null;
  const bad = template.match(/\{\{[^}]*\}?\}?/)?.[0] ?? "}}";
  return `malformed placeholder ${JSON.stringify(bad.slice(0, 40))}: write {{name}} with a lower-case variable name`;
}

/**
 * POSIX shell single-quoting: the value between single quotes, each `'` written as `'\''`.
 * Inside single quotes the shell interprets nothing, so any byte string survives verbatim.
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command to show and copy, with every `{{name}}` replaced by its value, single-quoted.
 * Throws when a placeholder has no binding: callers bind (and so validate) every variable a
 * template uses first, and a half-rendered destructive command must never be shown.
 */
export function renderCommand(template: string, bindings: Bindings): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(bindings, name) ? bindings[name] : undefined;
    if (value === undefined) {
      throw new AppError("BAD_REQUEST", {
        message: `renderCommand: no value bound for {{${name}}}`,
      });
    }
    // A list (block-devices) becomes one quoted word per item: `'/dev/sdb1' '/dev/sdc1'`.
    return typeof value === "string" ? shellQuote(value) : value.map(shellQuote).join(" ");
  });
}

/** The template's variables that have no binding yet: render the command only when empty. */
export function missingVariables(template: string, bindings: Bindings): string[] {
  return templateVariables(template).filter((name) => !Object.hasOwn(bindings, name));
}

/** Substitutes values as they are (no quoting): for check arguments and descriptions, not shells. */
export function fillTemplate(template: string, bindings: Bindings): string | { missing: string } {
  let missing: string | null = null;
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(bindings, name) ? bindings[name] : undefined;
    if (value === undefined) missing ??= name;
    return typeof value === "string" ? value : (value?.join(" ") ?? "");
  });
  return missing === null ? filled : { missing };
}
