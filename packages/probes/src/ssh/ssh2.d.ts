/**
 * The part of ssh2 1.17 that ssh/ uses, typed by hand because @types/ssh2 is not installed. Delete
 * this file if @types/ssh2 is added (the two declarations would clash).
 */
declare module "ssh2" {
  import type { EventEmitter } from "node:events";
  import type { Duplex, Readable } from "node:stream";

  export type AlgorithmList = string[];

  export type ConnectConfig = {
    sock: Duplex;
    username: string;
    privateKey: string | Buffer;
    passphrase?: string;
    /** Called with the raw host key blob (SSH wire format); return false to refuse the host. */
    hostVerifier: (key: Buffer) => boolean;
    algorithms?: { kex?: AlgorithmList; serverHostKey?: AlgorithmList };
    /** 0 disables ssh2's own timer (we run one that also covers TCP connect). */
    readyTimeout?: number;
    keepaliveInterval?: number;
    keepaliveCountMax?: number;
    /** Only the key we were given: no agent, no password, no keyboard-interactive. */
    tryKeyboard?: boolean;
  };

  export type ClientErrorLevel =
    | "client-socket"
    | "client-timeout"
    | "client-authentication"
    | "handshake"
    | "protocol";

  export interface ClientError extends Error {
    level?: ClientErrorLevel | string;
    code?: string;
  }

  export interface ClientChannel extends Duplex {
    stderr: Readable;
    signal(signalName: string): boolean;
    close(): void;
    on(event: "exit", listener: (code: number | null, signal?: string) => void): this;
    on(event: "close", listener: () => void): this;
    on(event: "data", listener: (data: Buffer) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export class Client extends EventEmitter {
    connect(config: ConnectConfig): this;
    exec(
      command: string,
      callback: (error: Error | undefined, channel: ClientChannel) => void,
    ): this;
    end(): this;
    destroy(): this;
    on(event: "ready" | "close" | "end", listener: () => void): this;
    on(event: "error", listener: (error: ClientError) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
