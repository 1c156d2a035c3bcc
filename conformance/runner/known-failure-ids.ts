import { KnownFailuresError, type KnownFailures } from "./known-failures.ts";
import { editDistance } from "../../lib/text/index.ts";

/** The known rule ids nearest to `id` (at most three, closest first). */
export function closestRuleIds(id: string, known: readonly string[]): string[] {
  return [...known].sort((x, y) => editDistance(id, x) - editDistance(id, y) || x.localeCompare(y)).slice(0, 3);
}

/**
 * Every id in a known-failures file must be a rule of this suite: a typo'd id would otherwise
 * match nothing, and the rule it meant would fail the run with no sign that it was listed.
 */
export function checkKnownFailureIds(kf: KnownFailures, ruleIds: readonly string[], source: string): void {
  const unknown = [...kf.keys()].filter((id) => !ruleIds.includes(id));
  if (unknown.length === 0) return;
  const lines = unknown.map((id) => `'${id}' (closest: ${closestRuleIds(id, ruleIds).join(", ")})`);
  throw new KnownFailuresError(
    `${source}: unknown rule id${unknown.length > 1 ? "s" : ""} ${lines.join("; ")}; \`cbh conformance --list\` shows every rule`,
  );
}
