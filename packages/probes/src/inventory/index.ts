export { importAnsibleIni } from "./ansible-ini";
export { importAnsibleYaml } from "./ansible-yaml";
export {
  formatImportProblem,
  type ImportPreview,
  ImportPreviewSchema,
  type ImportProblem,
  ImportProblemSchema,
  type ImportProblemSeverity,
  ImportProblemSeveritySchema,
  type ImportSourceKind,
  ImportSourceKindSchema,
  type InventoryHost,
  InventoryHostSchema,
} from "./host-entry";
export { knownHostName, matchesKnownHost } from "./known-host-match";
export { importKnownHosts, type KnownHostEntry, type KnownHostsImport } from "./known-hosts";
export { importSshConfig } from "./ssh-config";
export { sshKeyFingerprint } from "./ssh-key-blob";
