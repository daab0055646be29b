import { hash } from "node:crypto";

/** Hex sha256 of the text as UTF-8: what the vault stores and checks on every read. */
export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}
