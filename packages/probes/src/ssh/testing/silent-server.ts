/**
 * A TCP server that accepts connections and never says a word: what a host with a wedged sshd (or
 * a SYN-proxying firewall) looks like to a client waiting for the SSH banner.
 */
import { createServer, type Socket } from "node:net";

export type SilentServer = { port: number; accepted(): number; stop(): Promise<void> };

export function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  let accepted = 0;
  server.on("connection", () => {
    accepted += 1;
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        port,
        accepted: () => accepted,
        stop: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
