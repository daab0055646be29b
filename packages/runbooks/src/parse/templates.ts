import { templateSyntaxError, templateVariables } from "../template";
import type { RunbookProblem, RunbookVariable, VariableKind } from "../types";
import { checkVariableValue } from "../variables";

export type DeclaredVariables = ReadonlyMap<string, RunbookVariable>;

/**
 * Checks a template at parse time: well-formed placeholders, every one declared, and, where the
 * value must be of one kind (a probe argument), a literal that passes the kind's pattern or a
 * lone placeholder whose variable has that kind. Returns whether it is usable.
 */
export function checkTemplate(
  template: string,
  line: number,
  variables: DeclaredVariables,
  problems: RunbookProblem[],
  kind?: VariableKind,
): boolean {
  const syntaxError = templateSyntaxError(template);
  if (syntaxError) {
    problems.push({ line, message: syntaxError });
    return false;
  }
  const names = templateVariables(template);
  const undeclared = names.filter((name) => !variables.has(name));
  for (const name of undeclared) {
    problems.push({
      line,
      message: `{{${name}}} is not a declared variable (declare it under "variables:")`,
    });
  }
  if (undeclared.length > 0) return false;
  if (!kind) return true;
  if (names.length === 0) {
    const error = checkVariableValue(kind, template);
    if (error) problems.push({ line, message: error });
    return error === null;
  }
  const lone = template.match(/^\{\{([a-z][a-z0-9_]*)\}\}$/)?.[1];
  const variable = lone ? variables.get(lone) : undefined;
  if (!variable || variable.kind !== kind) {
    problems.push({
      line,
      message: `must be a ${kind}: a literal value or a single {{variable}} of kind ${kind}`,
    });
    return false;
  }
  return true;
}
