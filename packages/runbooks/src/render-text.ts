import { renderCommand, templateVariables } from "./template";
import type { Bindings, BindingValue, RunbookCheck, RunbookStep } from "./types";

/**
 * Text an engineer reads (step titles, instructions, check descriptions, gate reasons) with its
 * `{{name}}` placeholders filled in. Unlike `renderCommand` nothing is shell-quoted — the text is
 * prose, rendered through the sanitizing Markdown component — and nothing throws: a variable
 * left empty shows as `⟨name⟩`, visibly a gap rather than a silent blank.
 */

const PLACEHOLDER = /\{\{([a-z][a-z0-9_]*)\}\}/g;

/** How a placeholder without a value reads in rendered text. */
export function missingMarker(name: string): string {
  return `⟨${name}⟩`;
}

/**
 * The template with each bound value substituted as plain text (a `block-devices` list as its
 * devices separated by spaces, as a command would take them). Unbound or empty values render as
 * `⟨name⟩`. Pure and total.
 */
export function renderText(template: string, bindings: Bindings): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = boundValue(bindings, name);
    if (value === null) return missingMarker(name);
    return typeof value === "string" ? value : value.join(" ");
  });
}

/**
 * The template's variables with no usable value: unbound, an empty string or an empty list
 * (what a form sends for an optional field left blank).
 */
export function emptyVariables(template: string, bindings: Bindings): string[] {
  return templateVariables(template).filter((name) => boundValue(bindings, name) === null);
}

export type RenderedCheck = RunbookCheck & {
  /** The description template as written, `description` being the rendered text. */
  descriptionTemplate: string;
};

export type RenderedStep = Omit<RunbookStep, "checks" | "command"> & {
  checks: RenderedCheck[];
  /** The shell-quoted command, or null when the step has none or a variable is still empty. */
  command: string | null;
  /** The command as written in the runbook (with `{{name}}`), null when the step has none. */
  commandTemplate: string | null;
  /** Variables the command needs that have no value yet: show "fill in …" instead of a command. */
  missingVariables: string[];
};

/**
 * A step ready to show: title, instructions, check descriptions and the gate's reason rendered
 * with `renderText`; the command rendered with `renderCommand` only when every variable it uses
 * has a value (otherwise `command` is null and `missingVariables` names them). Never throws, so
 * a run page can render any step of any runbook with whatever has been bound so far.
 */
export function renderStep(step: RunbookStep, bindings: Bindings): RenderedStep {
  const template = step.command;
  const missing = template === null ? [] : emptyVariables(template, bindings);
  // renderCommand only throws on an unbound name, which `missing` already excludes. An empty
  // value counts as missing too: `''` is never a useful argument.
  const command =
    template !== null && missing.length === 0 ? renderCommand(template, bindings) : null;
  return {
    ...step,
    title: renderText(step.title, bindings),
    bodyMarkdown: renderText(step.bodyMarkdown, bindings),
    checks: step.checks.map((check) => ({
      ...check,
      description: renderText(check.description, bindings),
      descriptionTemplate: check.description,
    })),
    destructive: step.destructive && {
      ...step.destructive,
      reason: renderText(step.destructive.reason, bindings),
    },
    command,
    commandTemplate: template,
    missingVariables: missing,
  };
}

function boundValue(bindings: Bindings, name: string): BindingValue | null {
  const value: BindingValue | undefined = Object.hasOwn(bindings, name)
    ? bindings[name]
    : undefined;
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value === "" ? null : value;
  return value.length === 0 ? null : value;
}
