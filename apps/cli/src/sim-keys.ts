import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateEd25519 } from "@holmes/probes/sim-server";

export type SimKeys = { hostKey: string; clientKeyPath: string; clientPublicKey: string };

/**
 * Keys for the simulated fleet, made once under HOLMES_DATA_DIR/ssh: the sim's host key (stable, so
 * pinned fingerprints survive restarts) and the collector's client key the sim accepts.
 */
export function ensureSimKeys(dataDir: string): SimKeys {
  const dir = resolve(dataDir, "ssh");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const hostKeyPath = join(dir, "sim_host_ed25519");
  const clientKeyPath = join(dir, "collector_ed25519");
  for (const [path, comment] of [
    [hostKeyPath, "holmes-sim-host"],
    [clientKeyPath, "holmes-collector"],
  ] as const) {
    if (existsSync(path)) continue;
    const pair = generateEd25519(comment);
    writeFileSync(path, pair.privateKey, { mode: 0o600 });
    writeFileSync(`${path}.pub`, `${pair.publicKey}\n`);
    chmodSync(path, 0o600);
  }
  return {
    hostKey: readFileSync(hostKeyPath, "utf8"),
    clientKeyPath,
    clientPublicKey: readFileSync(`${clientKeyPath}.pub`, "utf8").trim(),
  };
}
