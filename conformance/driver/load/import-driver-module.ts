import { existsSync, statSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { DriverLoadError, describeThrown } from "./driver-load-error.ts";

/**
 * Imports a driver module from anywhere: `.ts`, `.mts`, `.cts`, `.js`, `.mjs`, with or without a
 * `package.json` (and whatever its `"type"`), through tsx's namespaced loader, so neither Node's
 * CommonJS/ESM guess for the directory nor the harness's own loader registration matters.
 */
export async function importDriverModule(path: string): Promise<Record<string, unknown>> {
  if (!existsSync(path)) throw new DriverLoadError("module-not-found", `driver module ${path} does not exist`);
  if (!statSync(path).isFile()) throw new DriverLoadError("module-not-found", `driver module ${path} is not a file`);
  try {
    return (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (e) {
    throw new DriverLoadError("import-failed", `cannot import driver module ${path}: ${describeThrown(e)}`, { cause: e });
  }
}
