export * from "./parsers";
