import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import ssh2, { type AuthContext, type Connection, type ParsedKey } from "ssh2";
import { type Fleet, hostAt } from "../simulate";
import { withKeyObjects } from "../ssh/parsed-keys";
import { answerExec, type StaticOutputs } from "./answer";

// ssh2 is CommonJS: Node's ESM loader cannot see its named exports, so take them off the default.
const { Server, utils } = ssh2;

export type SimServerOptions = {
  fleet: Fleet;
  /** The sim's own host key (OpenSSH private key text). */
  hostKey: string;
  /** The one client public key accepted ("ssh-ed25519 AAAA…"). */
  authorizedKey: string;
  host?: string;
  port?: number;
  /** Wall clock, injectable so tests can move the scenarios along. */
  now?: () => number;
  /** Every command answers after this long: slow hosts, so a test can catch polls in flight. */
  answerDelayMs?: number;
};

export type SimServer = { port: number; close: () => Promise<void>; execCount: () => number };

/**
 * An SSH server (the ssh2 library's) that impersonates every host of a simulated fleet on one
 * port: the SSH user name picks the host (`ssh stor-a01@127.0.0.1 -p PORT`). A host that its
 * scenario makes unreachable drops the connection at authentication.
 */
export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  // With KeyObjects: every handshake signs with the host key and checks the client's signature.
  const hostKey = withKeyObjects(parseKeyOrThrow(options.hostKey, "host key"));
  const allowed = withKeyObjects(parseKeyOrThrow(options.authorizedKey, "authorized key"));
  const now = options.now ?? Date.now;
  // Every host is built before the port opens, as a real fleet is booted before it is polled: a
  // first poll then costs the sim what a real host's answer costs, not also the host's creation.
  for (const host of options.fleet.hosts) void host.base;
  const staticOutputs = new Map<string, StaticOutputs>(
    options.fleet.hosts.filter((host) => !host.scenario).map((host) => [host.hostname, new Map()]),
  );
  let execs = 0;
  const server = new Server({ hostKeys: [{ key: hostKey }] }, (client) => {
    // Like OpenSSH's sshd, which writes a turn's packets together: without no-delay, ssh2's
    // packet-per-write meets the client's delayed ACK and each exchange stalls ~40 ms.
    (client as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    let hostname: string | null = null;
    client.on("authentication", (ctx) => {
      const model = hostAt(options.fleet, ctx.username, now());
      if (!model?.isReachable) return void client.end();
      if (!isAuthorized(ctx, allowed)) return ctx.reject(["publickey"]);
      hostname = ctx.username;
      ctx.accept();
    });
    client.on("ready", () =>
      serveSessions(client, {
        hostname: () => hostname,
        fleet: options.fleet,
        staticOutputs,
        now,
        count: () => execs++,
        answerDelayMs: options.answerDelayMs ?? 0,
      }),
    );
    client.on("error", () => {});
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  return {
    port: (server.address() as AddressInfo).port,
    execCount: () => execs,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function serveSessions(
  client: Connection,
  options: {
    hostname: () => string | null;
    fleet: Fleet;
    staticOutputs: ReadonlyMap<string, StaticOutputs>;
    now: () => number;
    count: () => void;
    answerDelayMs: number;
  },
) {
  const { fleet, now, answerDelayMs } = options;
  client.on("session", (acceptSession) => {
    const session = acceptSession();
    session.on("exec", (acceptExec, _reject, info) => {
      const stream = acceptExec();
      options.count();
      const atMs = now();
      const name = options.hostname() ?? "";
      const model = hostAt(fleet, name, atMs);
      const answer = model
        ? answerExec(model, info.command, atMs, options.staticOutputs.get(name))
        : { stdout: "", exitCode: 255 };
      const reply = () => {
        stream.write(answer.stdout);
        stream.exit(answer.exitCode);
        stream.end();
      };
      if (answerDelayMs > 0) setTimeout(reply, answerDelayMs);
      else reply();
    });
  });
}

function isAuthorized(ctx: AuthContext, allowed: ParsedKey): boolean {
  if (ctx.method !== "publickey") return false;
  const offered = ctx.key.data;
  const expected = allowed.getPublicSSH();
  if (
    ctx.key.algo !== allowed.type ||
    offered.length !== expected.length ||
    !timingSafeEqual(offered, expected)
  ) {
    return false;
  }
  // Without a signature the client only asks whether the key would do; with one, it must verify.
  return (
    !ctx.signature || !ctx.blob || allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true
  );
}

function parseKeyOrThrow(text: string, what: "authorized key" | "host key"): ParsedKey {
  const parsed = utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error(`the sim's ${what} is not a valid key`);
  return key;
}

/**
 * A fresh ed25519 key pair in OpenSSH formats, for the sim's host key or the demo client key.
 * ssh2 writes about one key in 256 that its own parser then refuses ("Malformed OpenSSH private
 * key", mscdex/ssh2#1390): such a pair is drawn again, so a start or a test never fails on it.
 */
export function generateEd25519(comment: string): { privateKey: string; publicKey: string } {
  for (let attempt = 1; ; attempt++) {
    const pair = utils.generateKeyPairSync("ed25519", { comment });
    if (!(utils.parseKey(pair.private) instanceof Error) || attempt >= 16) {
      return { privateKey: pair.private, publicKey: pair.public };
    }
  }
}
