import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { MAX_SCENARIO_BYTES, parseScenarioSafe } from "./parse-scenario.ts";
import type { Scenario } from "./scenario.ts";
import { ScenarioError } from "./scenario-error.ts";

/** One file, or every `*.yaml`/`*.yml` in a directory (sorted). */
export async function loadScenarios(path: string): Promise<Scenario[]> {
  const st = await stat(path).catch(() => null);
  if (!st) throw new ScenarioError(path, null, "no such file or directory");
  if (!st.isDirectory()) return [await loadScenario(path)];
  const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n)).sort();
  if (!names.length) throw new ScenarioError(path, null, "no *.yaml scenario in this directory");
  const out: Scenario[] = [];
  for (const n of names) out.push(await loadScenario(join(path, n)));
  return out;
}

export async function loadScenario(file: string): Promise<Scenario> {
  const st = await stat(file);
  // A FIFO or a device (/dev/zero) has no size to check: reading it could hang or never end.
  if (!st.isFile()) throw new ScenarioError(file, null, "not a regular file");
  if (st.size > MAX_SCENARIO_BYTES) throw new ScenarioError(file, null, `scenario file is larger than ${MAX_SCENARIO_BYTES} bytes`);
  return parseScenarioSafe(await readFile(file, "utf8"), file);
}
