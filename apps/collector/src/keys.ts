import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import type { PollTargetRow } from "@holmes/db/queries/hosts";
import { unsealSecret } from "@holmes/db/sealed-secret";

/**
 * Where a host's private key comes from, in order: a credential stored sealed in the database,
 * the host's own identity file, then the collector's default key. The key text stays in memory
 * and is never logged; errors name the path, never the content.
 */
export function createKeyResolver(options: { defaultKeyPath?: string; credentialsKey?: string }) {
  const cache = new Map<string, string>();
  return async (host: PollTargetRow): Promise<string> => {
    if (host.sealedPrivateKey) {
      if (!options.credentialsKey)
        throw new Error("a stored credential needs HOLMES_CREDENTIALS_KEY");
      return unsealSecret(host.sealedPrivateKey, options.credentialsKey);
    }
    const path = expandHome(host.identityFile ?? options.defaultKeyPath);
    if (!path) throw new Error("no identity file for this host and no HOLMES_SSH_KEY_PATH");
    const cached = cache.get(path);
    if (cached) return cached;
    try {
      const key = await readFile(path, "utf8");
      cache.set(path, key);
      return key;
    } catch (error) {
      throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    }
  };
}

function expandHome(path: string | undefined): string | undefined {
  return path?.startsWith("~/") ? `${homedir()}/${path.slice(2)}` : path;
}
