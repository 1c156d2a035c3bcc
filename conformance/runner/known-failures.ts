import { readFileSync } from "node:fs";
import { parse } from "yaml";

/**
 * A driver's known failures (s3-tests' `fails_on_*` tags): rule id → why, ideally with a bug link.
 * A listed rule that fails does not fail the run; a listed rule that passes does ("remove it from
 * the list"), so the list can only shrink, never grow silently.
 *
 *     # known-failures.yaml
 *     round-trip.zero-regions-onto-existing: "bug 2155612: zero pieces skipped on restore"
 */
export type KnownFailures = ReadonlyMap<string, string>;

export class KnownFailuresError extends Error {
  readonly code = "CBH_BAD_KNOWN_FAILURES";
}

export function parseKnownFailures(text: string, source = "known failures"): KnownFailures {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 0 });
  } catch (e) {
    throw new KnownFailuresError(`${source}: not YAML/JSON: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return new Map();
  if (typeof doc !== "object" || Array.isArray(doc)) throw new KnownFailuresError(`${source}: expected a mapping of rule id → reason`);
  const out = new Map<string, string>();
  for (const [id, why] of Object.entries(doc as Record<string, unknown>)) {
    if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(id)) throw new KnownFailuresError(`${source}: '${id}' is not a rule id (<area>.<rule-name>)`);
    if (typeof why !== "string" || why.trim() === "") throw new KnownFailuresError(`${source}: ${id} needs a reason (a bug link, ideally)`);
    out.set(id, why.trim());
  }
  return out;
}

export function loadKnownFailures(path: string): KnownFailures {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new KnownFailuresError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseKnownFailures(text, path);
}
