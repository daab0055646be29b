export { type Auth, type AuthOptions, createAuth } from "./create-auth";
export * from "./users";
