import { rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";

let sockets = 0;

/**
 * The listening end of the protocol's socket transport: a Unix socket in a directory the driver
 * process sees at the same path (the run's work directory, bind-mounted into the drivers
 * container). The first connection is the driver's; the socket file goes on `close()`.
 */
export class ProtocolSocket {
  readonly path: string;
  readonly connected: Promise<Socket>;
  readonly #server: Server;

  constructor(dir: string, connectWithinMs = 60_000) {
    // sun_path holds 107 bytes: the work directory's name is short (mkdtemp under the tmp dir).
    this.path = join(dir, `rpc-${process.pid}-${++sockets}.sock`);
    this.#server = createServer();
    this.connected = new Promise((resolve, reject) => {
      const late = setTimeout(
        () =>
          reject(
            new Error(
              `the driver did not connect to ${this.path} within ${connectWithinMs} ms (is its cbh_shim older than this harness? rebuild the image)`,
            ),
          ),
        connectWithinMs,
      );
      late.unref();
      this.#server.once("connection", (sock) => {
        // A reset (the driver died) is reported through the process's exit, never as an uncaught error.
        sock.on("error", () => undefined);
        clearTimeout(late);
        this.#server.close();
        resolve(sock);
      });
      this.#server.once("error", (e) => {
        clearTimeout(late);
        reject(e);
      });
    });
    this.connected.catch(() => undefined); // observed by RpcProcess; never an unhandled rejection
    this.#server.listen(this.path);
  }

  async close(): Promise<void> {
    this.#server.close();
    await rm(this.path, { force: true });
  }
}
