import type { IncomingMessage } from "node:http";

/**
 * The client went away while its request body was still arriving (an aborted upload, a closed
 * connection): not a server fault, so one log line without a stack and no answer to send.
 */
export function isClientAbort(e: unknown, req: IncomingMessage): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === "ECONNRESET" || code === "ECONNABORTED" || code === "EPIPE") return true;
  return e instanceof Error && e.message === "aborted" && !req.complete;
}
