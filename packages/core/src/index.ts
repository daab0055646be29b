export * from "./app-error";
export * from "./findings";
export * from "./health";
export * from "./incidents";
export * from "./parse-result";
export * from "./roles";
export * from "./storage";
export * from "./url-filters";
