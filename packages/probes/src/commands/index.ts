export * from "./allowlist";
export * from "./composite";
export * from "./device-names";
export * from "./lvm-columns";
export * from "./poll-rounds";
export * from "./probe-output";
export * from "./shell";
