import type { WireError } from "./protocol.ts";

/** Flattens anything thrown into a WireError (own primitive fields kept, e.g. `code`, `kind`). */
export function toWire(e: unknown): WireError {
  if (!(e instanceof Error) && (typeof e !== "object" || e === null)) return { name: "Error", message: String(e), fields: {} };
  const err = e as Error & Record<string, unknown>;
  const fields: WireError["fields"] = {};
  for (const [k, v] of Object.entries(err)) {
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) fields[k] = v as string | number | boolean | null;
  }
  const out: WireError = { name: String(err.name ?? "Error"), message: String(err.message ?? ""), fields };
  if (typeof err.stack === "string") out.stack = readableStack(err.stack);
  return out;
}

/** Rebuilds an Error with the same name, message, stack and fields (never the same class: see restore-cancel.ts). */
export function fromWire(w: WireError): Error {
  const err = new Error(w.message) as Error & Record<string, unknown>;
  for (const [k, v] of Object.entries(w.fields)) if (k !== "name" && k !== "message" && k !== "stack") err[k] = v;
  err.name = w.name;
  if (w.stack) err.stack = w.stack;
  return err;
}

/**
 * tsx evaluates a CommonJS-typed module (a `.ts` with no `"type": "module"` package.json) from a
 * `data:` URL whose text is the whole compiled module; a stack frame then names the file by its
 * `filePath` parameter instead, so a driver developer sees `/path/my-driver.ts:2:1413`.
 */
export function readableStack(stack: string): string {
  return stack.replace(
    /data:text\/javascript,[^\s]*?\?filePath=([^\s):]+)((?::\d+){1,2})/g,
    (_m, p: string, pos: string) => `${decodeURIComponent(p).replace(/\?namespace=[^?]*$/, "")}${pos}`,
  );
}
