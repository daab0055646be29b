export { answerExec } from "./answer";
export { generateEd25519, type SimServer, type SimServerOptions, startSimServer } from "./server";
