import type { WaitStrategy } from "testcontainers";

/** Answers whether the service is ready; throwing counts as "not yet". */
export type ReadinessProbe = () => Promise<boolean>;

export class BackendNotReadyError extends Error {
  readonly code = "backend-not-ready";
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastError: unknown,
  ) {
    super(`${what} not ready after ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ""}`);
    this.name = "BackendNotReadyError";
  }
}

/**
 * Readiness polled from Node against 127.0.0.1. Under host networking Docker reports no port
 * bindings, so testcontainers' port-based waits (forListeningPorts, forHttp) either return
 * before the server listens or never succeed (docs/backends.md).
 */
export class PollWaitStrategy implements WaitStrategy {
  private startupTimeoutMs = 120_000;
  private timeoutSet = false;

  constructor(
    private readonly what: string,
    private readonly probe: ReadinessProbe,
    private readonly intervalMs = 100,
  ) {}

  async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + this.startupTimeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        if (await this.probe()) return;
      } catch (error) {
        last = error;
      }
      await new Promise((r) => setTimeout(r, this.intervalMs));
    }
    throw new BackendNotReadyError(this.what, this.startupTimeoutMs, last);
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}

/** A probe that is ready when `GET url` answers with a status accepted by `ok`. */
export function httpProbe(url: string, ok: (status: number) => boolean = (s) => s < 500, headers?: Record<string, string>): ReadinessProbe {
  return async () => {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return ok(res.status);
  };
}
