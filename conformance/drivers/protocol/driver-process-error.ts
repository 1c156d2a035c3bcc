/** What went wrong with a driver process (not a cinder exception the driver raised). */
export type DriverProcessFailure = "spawn" | "crash" | "timeout" | "garbage" | "malformed" | "load";

/**
 * The driver process failed the protocol: it did not start, exited or hung mid-call, printed
 * something that is not JSON-RPC, or answered with a malformed result. The message names the
 * driver and ends with the tail of its stderr.
 */
export class DriverProcessError extends Error {
  readonly code = "CBH_DRIVER_PROCESS";
  constructor(
    readonly failure: DriverProcessFailure,
    readonly driver: string,
    detail: string,
    readonly stderrTail = "",
  ) {
    super(`driver ${driver}: ${detail}${stderrTail ? `\n  stderr (last lines):\n${stderrTail}` : ""}`);
    this.name = "DriverProcessError";
  }
}

/** An exception the driver's own code raised, by its Python class name (`InvalidBackup`, …). */
export class DriverRaised extends Error {
  constructor(
    readonly exception: string,
    message: string,
    readonly traceback?: string,
  ) {
    super(message);
    this.name = exception;
  }
}
