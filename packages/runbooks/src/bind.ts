import type {
  BindingInput,
  BindingProblem,
  Bindings,
  BindingValue,
  BindResult,
  FindingContext,
  Runbook,
  RunbookVariable,
  VariableKind,
} from "./types";
import { toBindingValue } from "./variables";

/**
 * Binds a run's variables: each given value (or the default) validated by its kind, required
 * ones present, nothing unknown. The result is the only thing `renderCommand` and `resolveCheck`
 * take values from.
 */
export function bindVariables(
  runbook: Pick<Runbook, "variables">,
  input: BindingInput,
): BindResult {
  const errors: BindingProblem[] = [];
  const bindings: Record<string, BindingValue> = {};
  const declared = new Set(runbook.variables.map((variable) => variable.name));
  for (const name of Object.keys(input)) {
    if (!declared.has(name))
      errors.push({ variable: name, message: "this runbook has no such variable" });
  }
  for (const variable of runbook.variables) {
    const given = Object.hasOwn(input, variable.name) ? input[variable.name] : undefined;
    const raw = isEmpty(given) ? variable.defaultValue : given;
    if (raw === null || raw === undefined) {
      if (variable.required) {
        errors.push({
          variable: variable.name,
          message: `a value is required (${variable.description})`,
        });
      }
      continue;
    }
    const bound = toBindingValue(variable.kind, raw);
    if (bound.ok) bindings[variable.name] = bound.value;
    else errors.push({ variable: variable.name, message: bound.message });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, bindings };
}

function isEmpty(value: string | readonly string[] | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === "string" ? value.trim() === "" : value.length === 0;
}

/**
 * What a finding can tell a run: the host, the object the finding is about, named evidence
 * values. Only values that pass their variable's pattern are returned; the rest are listed in
 * `skipped` so the UI can say why a field was left empty. Merge the result with what the user
 * typed and pass it to `bindVariables`.
 */
export function bindingsFromFinding(
  runbook: Pick<Runbook, "variables">,
  finding: FindingContext,
): { bindings: Bindings; skipped: BindingProblem[] } {
  const bindings: Record<string, BindingValue> = {};
  const skipped: BindingProblem[] = [];
  for (const variable of runbook.variables) {
    const candidate = candidateFromFinding(variable, finding);
    if (candidate === null) continue;
    const bound = toBindingValue(variable.kind, candidate);
    if (bound.ok) bindings[variable.name] = bound.value;
    else
      skipped.push({
        variable: variable.name,
        message: `not taken from the finding: ${bound.message}`,
      });
  }
  return { bindings, skipped };
}

function candidateFromFinding(variable: RunbookVariable, finding: FindingContext): string | null {
  const source = variable.from;
  if (!source) return null;
  if (source.kind === "host") return finding.hostName;
  if (source.kind === "evidence") {
    const value = finding.evidence.values[source.name];
    return typeof value === "string" || typeof value === "number" ? String(value) : null;
  }
  if (!source.objectKinds.includes(finding.objectKind)) return null;
  return objectValue(variable.kind, finding.objectName);
}

/**
 * Finding object names are kernel names (`md1`, `sdb`, `loop3`), `array/member` for members
 * (`md1/sdb1`) and paths for mounts. Device kinds want `/dev/` paths: the array part of a member
 * name for an md device, the member part for a block device.
 */
function objectValue(kind: VariableKind, objectName: string): string {
  if (objectName.startsWith("/")) return objectName;
  const [head = objectName, tail] = objectName.split("/", 2);
  if (kind === "md-device") return `/dev/${head}`;
  if (kind === "block-device" || kind === "block-devices") return `/dev/${tail ?? head}`;
  return objectName;
}
