import { readFileSync, statSync } from "node:fs";
import { parse, YAMLParseError } from "yaml";

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
    // FILE:LINE:COL and the parser's code, never its message: that quotes the file's text.
    if (e instanceof YAMLParseError) {
      const at = e.linePos?.[0];
      throw new KnownFailuresError(`${source}${at ? `:${at.line}:${at.col}` : ""}: not valid YAML/JSON (${e.code})`);
    }
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

/** A known-failures list is a few dozen lines; anything this big is the wrong file. */
const MAX_FILE_BYTES = 1024 * 1024;

export function loadKnownFailures(path: string): KnownFailures {
  let text: string;
  try {
    const st = statSync(path);
    // A directory, a FIFO or a device (/dev/zero) has no size to check: reading it could hang or never end.
    if (!st.isFile()) throw new KnownFailuresError(`${path}: not a regular file`);
    if (st.size > MAX_FILE_BYTES) throw new KnownFailuresError(`${path}: larger than ${MAX_FILE_BYTES} bytes`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof KnownFailuresError) throw e;
    throw new KnownFailuresError(`cannot read ${path}: ${(e as Error).message}`);
  }
  return parseKnownFailures(text, path);
}
