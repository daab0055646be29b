import { Worker } from "node:worker_threads";
import { decodeRawOutputs, encodeRawOutputs } from "@holmes/db/queries/raw-outputs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RawOutputEncoder } from "./raw-output-encoder";

const sectionsOf = (host: number) => [
  { id: "mdstat", exitCode: 0, output: `Personalities : [raid1]\nmd${host} : active raid1\n` },
  { id: "lsblk", exitCode: 0, output: JSON.stringify({ host, blockdevices: [] }).repeat(50) },
];

describe("RawOutputEncoder", () => {
  let encoder: RawOutputEncoder | null = null;
  afterEach(async () => {
    await encoder?.close();
    encoder = null;
    vi.restoreAllMocks();
  });

  it("encodes on its thread what the poll loop would, each reply to its own request", async () => {
    const warn = vi.spyOn(console, "error");
    encoder = new RawOutputEncoder();
    const hosts = Array.from({ length: 50 }, (_, host) => host);
    const encoded = await Promise.all(hosts.map((host) => encoder?.encode(sectionsOf(host))));
    for (const host of hosts) {
      const result = encoded[host];
      expect(result?.rawEncoding).toBe("br");
      expect(decodeRawOutputs(result?.rawOutputs ?? Buffer.alloc(0), "br")).toEqual(
        sectionsOf(host),
      );
    }
    // Nothing fell back to the poll loop: the thread answered every request.
    expect(warn).not.toHaveBeenCalled();
  });

  it("sends the requests of one turn of the event loop to its thread as one message", async () => {
    encoder = new RawOutputEncoder();
    const posted = vi.spyOn(Worker.prototype, "postMessage");
    const first = [1, 2, 3].map((host) => encoder?.encode(sectionsOf(host)));
    await Promise.all(first);
    const second = await encoder.encode(sectionsOf(4));
    expect(posted).toHaveBeenCalledTimes(2);
    const decoded = (await Promise.all(first)).map((e) =>
      decodeRawOutputs(e?.rawOutputs ?? Buffer.alloc(0), "br"),
    );
    expect(decoded).toEqual([sectionsOf(1), sectionsOf(2), sectionsOf(3)]);
    expect(decodeRawOutputs(second.rawOutputs, second.rawEncoding)).toEqual(sectionsOf(4));
  });

  it("writes byte for byte what encodeRawOutputs writes (its thread is plain JavaScript)", async () => {
    encoder = new RawOutputEncoder();
    const unusual = [
      { id: "kernel-log:0", exitCode: 0, output: 'é ü \u0000 \ud83d\ude00 \\ "quoted"\n\t' },
      { id: "lsblk", exitCode: null, output: "", isMissing: true, missingTool: "lsblk" },
      ...sectionsOf(3),
    ];
    const threaded = await encoder.encode(unusual);
    const inPlace = encodeRawOutputs(unusual);
    expect(threaded.rawEncoding).toBe(inPlace.rawEncoding);
    expect(Buffer.compare(threaded.rawOutputs, inPlace.rawOutputs)).toBe(0);
  });

  it("encodes in the poll loop when its thread dies, and says so once", async () => {
    const warn = vi.spyOn(console, "error").mockImplementation(() => {});
    encoder = new RawOutputEncoder(new URL("./testing/dying-thread.mjs", import.meta.url));
    const encoded = await Promise.all([1, 2, 3].map((host) => encoder?.encode(sectionsOf(host))));
    expect(encoded.map((e) => decodeRawOutputs(e?.rawOutputs ?? Buffer.alloc(0), "br"))).toEqual([
      sectionsOf(1),
      sectionsOf(2),
      sectionsOf(3),
    ]);
    // After the thread is gone, too.
    const later = await encoder.encode(sectionsOf(4));
    expect(decodeRawOutputs(later.rawOutputs, later.rawEncoding)).toEqual(sectionsOf(4));
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/exited with 3/);
  });

  it("encodes in the poll loop what is still out when it is closed", async () => {
    encoder = new RawOutputEncoder();
    const out = encoder.encode(sectionsOf(7));
    await encoder.close();
    const encoded = await out;
    expect(decodeRawOutputs(encoded.rawOutputs, encoded.rawEncoding)).toEqual(sectionsOf(7));
    const after = await encoder.encode(sectionsOf(8));
    expect(decodeRawOutputs(after.rawOutputs, after.rawEncoding)).toEqual(sectionsOf(8));
  });
});
