export * from "./block";
export * from "./device-names";
export * from "./kernel";
export * from "./lvm";
export * from "./md";
export * from "./mounts";
export * from "./smart";
