export * from "./audit";
export * from "./auth";
export * from "./evidence";
export * from "./findings";
export * from "./fleet";
export * from "./incidents";
export * from "./integrations";
export * from "./status-page";
