import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import ssh2, { type ParsedKey } from "ssh2";

const { utils } = ssh2;

/**
 * ssh2 keeps a parsed key's PEM text and hands it to crypto.sign or crypto.verify on every use,
 * so Node parses the PEM again for each handshake: about half a millisecond on each side, a
 * tenth of a cold poll's CPU at 1,000 hosts. Both functions take a KeyObject as well, so the key
 * returned here is ssh2's own parsed key with each PEM replaced by a KeyObject made once.
 *
 * ssh2 stores the PEMs under unexported symbols, found here by their description; should a
 * release rename them, the key is returned as ssh2 parsed it (correct, only slower).
 */
const PEM_SYMBOLS = [
  { description: "Private key PEM", toKeyObject: createPrivateKey },
  { description: "Public key PEM", toKeyObject: createPublicKey },
] as const;

export function withKeyObjects(parsed: ParsedKey): ParsedKey {
  const copy = Object.create(Object.getPrototypeOf(parsed)) as ParsedKey;
  for (const name of Object.getOwnPropertyNames(parsed)) {
    Object.defineProperty(copy, name, Object.getOwnPropertyDescriptor(parsed, name) ?? {});
  }
  for (const symbol of Object.getOwnPropertySymbols(parsed)) {
    const value: unknown = (parsed as unknown as Record<symbol, unknown>)[symbol];
    const pem = PEM_SYMBOLS.find((s) => s.description === symbol.description);
    (copy as unknown as Record<symbol, unknown>)[symbol] =
      pem && typeof value === "string" ? keyObjectOr(value, pem.toKeyObject) : value;
  }
  return copy;
}

function keyObjectOr(pem: string, toKeyObject: (pem: string) => KeyObject): KeyObject | string {
  try {
    return toKeyObject(pem);
  } catch {
    return pem;
  }
}

/** Most distinct private keys kept parsed; a fleet uses a handful. */
const MAX_CACHED = 64;
const cache = new Map<string, ParsedKey>();

/**
 * A private key for ssh2's connect: parsed once per key (and passphrase), with KeyObjects. A key
 * ssh2 cannot parse is returned as given, so that connect reports it as it always has.
 */
export function parsedPrivateKey(
  key: string | Buffer,
  passphrase?: string,
): ParsedKey | string | Buffer {
  // The cache is keyed by a digest: key material is never a map key in a heap snapshot.
  const id = createHash("sha256")
    .update(key)
    .update("\0")
    .update(passphrase ?? "")
    .digest("base64url");
  const cached = cache.get(id);
  if (cached) return cached;
  const parsed = utils.parseKey(key, passphrase);
  if (parsed instanceof Error) return key;
  const fast = withKeyObjects(parsed);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(id, fast);
  return fast;
}
