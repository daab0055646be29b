export {
  loadRunbookDirectory,
  type RunbookDirectory,
  type RunbookFileProblem,
} from "./load-directory";
export { DEFAULT_RUNBOOK_DIRECTORY, resolveRunbookDirectory } from "./resolve-directory";
