import ssh2 from "ssh2";
import { describe, expect, it } from "vitest";
import { generateEd25519 } from "./server";

describe("generateEd25519", () => {
  // ssh2 alone writes about one unreadable key in 300 to 400; 1,500 draws would meet several.
  it("only returns private keys ssh2 can read back", () => {
    const unreadable = Array.from({ length: 1_500 }, (_, i) => generateEd25519(`k${i}`)).filter(
      (pair) => ssh2.utils.parseKey(pair.privateKey) instanceof Error,
    );
    expect(unreadable).toEqual([]);
  });
});
