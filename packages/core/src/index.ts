export * from "./app-error";
export * from "./findings";
export * from "./parse-result";
export * from "./roles";
export * from "./storage";
