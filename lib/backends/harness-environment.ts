/**
 * testcontainers settings this machine needs (docs/backends.md): Ryuk off (its image would be
 * pulled from a registry; the harness reaps its own containers) and 127.0.0.1 as the host
 * (/.dockerenv here makes testcontainers probe a `bridge` network that --bridge=none lacks).
 * testcontainers reads both lazily, so setting them before the first start() is enough.
 * Values already in the environment win.
 */
export function applyHarnessEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  env.TESTCONTAINERS_HOST_OVERRIDE ??= "127.0.0.1";
}
