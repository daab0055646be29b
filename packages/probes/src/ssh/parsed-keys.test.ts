import { generateKeyPairSync, KeyObject } from "node:crypto";
import ssh2, { type ParsedKey } from "ssh2";
import { describe, expect, it } from "vitest";
import { generateEd25519 } from "../sim-server/server";
import { parsedPrivateKey, withKeyObjects } from "./parsed-keys";

const { utils } = ssh2;

function parse(text: string): ParsedKey {
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error("unparsable test key");
  return parsed;
}

const pemValues = (key: ParsedKey) =>
  Object.getOwnPropertySymbols(key)
    .filter((s) => s.description?.endsWith("PEM"))
    .map((s) => (key as unknown as Record<symbol, unknown>)[s]);

const rsaPrivate = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

describe("withKeyObjects", () => {
  const data = Buffer.from("session id and userauth request");

  it.each([
    ["ed25519", generateEd25519("parsed-keys-test").privateKey, undefined],
    ["rsa", rsaPrivate, "sha512"],
  ])("signs and verifies as ssh2's own %s key does, from KeyObjects", (_, text, algo) => {
    const parsed = parse(text);
    const fast = withKeyObjects(parsed);
    // Both algorithms sign deterministically: the same bytes, or the keys differ.
    expect(fast.sign(data, algo)).toEqual(parsed.sign(data, algo));
    expect(fast.verify(data, parsed.sign(data, algo) as Buffer, algo)).toBe(true);
    expect(fast.verify(Buffer.from("other"), parsed.sign(data, algo) as Buffer, algo)).toBe(false);
    expect(fast.getPublicSSH()).toEqual(parsed.getPublicSSH());
    expect(fast.type).toBe(parsed.type);
    // Found and replaced: if ssh2 renamed its symbols this would fall back, and fail here.
    expect(pemValues(fast)).toHaveLength(2);
    expect(pemValues(fast).every((value) => value instanceof KeyObject)).toBe(true);
    expect(pemValues(parsed).every((value) => typeof value === "string")).toBe(true);
    // Still a key ssh2 takes as parsed.
    expect(utils.parseKey(fast)).toBe(fast);
  });

  it("turns a public key's PEM into a KeyObject too", () => {
    const pair = generateEd25519("parsed-keys-public");
    const publicKey = withKeyObjects(parse(pair.publicKey));
    const signature = parse(pair.privateKey).sign(data) as Buffer;
    expect(publicKey.verify(data, signature)).toBe(true);
    expect(pemValues(publicKey).filter((value) => value instanceof KeyObject)).toHaveLength(1);
  });
});

describe("parsedPrivateKey", () => {
  it("parses each key once, and gives back a key ssh2 cannot parse as it is", () => {
    const { privateKey } = generateEd25519("parsed-keys-cache");
    const first = parsedPrivateKey(privateKey);
    expect(typeof first).toBe("object");
    expect(parsedPrivateKey(Buffer.from(privateKey))).toBe(first);
    expect(parsedPrivateKey(generateEd25519("another").privateKey)).not.toBe(first);
    const garbage =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----";
    expect(parsedPrivateKey(garbage)).toBe(garbage);
  });
});
