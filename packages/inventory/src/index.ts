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
export {
  type CreateHostInput,
  CreateHostInputSchema,
  type HostFields,
  HostFieldsSchema,
  type HostIdentity,
  HostIdentitySchema,
  type UpdateHostInput,
  UpdateHostInputSchema,
} from "./host-input";
export type { KeyedHost, PlannedPin, SkippedPin } from "./host-key-plan";
export {
  type ExistingHost,
  type HostChange,
  type HostField,
  identityLabel,
  type PlannedHost,
  type PlannedUpdate,
  type SkippedHost,
} from "./import-plan";
export {
  type ImportFormat,
  ImportFormatSchema,
  type ImportTarget,
  type InventoryImportPlan,
  planInventoryImport,
  plannedChanges,
} from "./inventory-import";
export { knownHostName, matchesKnownHost } from "./known-host-match";
export { importKnownHosts, type KnownHostEntry, type KnownHostsImport } from "./known-hosts";
export { type CheckedPrivateKey, checkPrivateKey, type PrivateKeyFormat } from "./private-key";
export { importSshConfig } from "./ssh-config";
export { sshKeyFingerprint } from "./ssh-key-blob";
