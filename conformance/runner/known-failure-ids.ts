import { KnownFailuresError, type KnownFailures } from "./known-failures.ts";

/** Edit distance (Levenshtein) between two rule ids. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The known rule ids nearest to `id` (at most three, closest first). */
export function closestRuleIds(id: string, known: readonly string[]): string[] {
  return [...known].sort((x, y) => distance(id, x) - distance(id, y) || x.localeCompare(y)).slice(0, 3);
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
