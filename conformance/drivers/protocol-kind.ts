/**
 * True for the `cinder:`, `python:` and `exec:` driver kinds: drivers in a process of their own
 * (the driver protocol), not TypeScript classes in this one. Its own module, without imports, so
 * that the CLI can ask before it loads the suite (bin/cli/commands/conformance-prestart.ts).
 */
export function isProtocolDriver(spec: string): boolean {
  return /^(cinder|python|exec):/.test(spec);
}
