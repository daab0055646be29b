export * from "./connect";
export * from "./connection-pool";
export * from "./fingerprint";
export * from "./probe-error";
export * from "./ssh-transport";
export * from "./transport";
