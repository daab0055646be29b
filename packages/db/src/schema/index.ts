export * from "./audit";
export * from "./auth";
export * from "./findings";
export * from "./fleet";
