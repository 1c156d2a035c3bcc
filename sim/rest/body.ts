import { HttpFault, badRequest, internalError, notFound } from "./faults.ts";

/** `api/openstack/wsgi.py:SUPPORTED_CONTENT_TYPES` and `_MEDIA_TYPE_MAP`. */
const JSON_TYPES = ["application/json", "application/vnd.openstack.volume+json"];

export type BodyState = { present: false } | { present: true; raw: string };

/**
 * `Resource.get_body`: an empty body, or one without Content-Type, counts as no body; a
 * Content-Type other than JSON is refused with 415 (`Request.get_content_type`).
 */
export function readBody(raw: string | undefined, contentType: string | undefined): BodyState {
  if (raw === undefined || raw.length === 0) return { present: false };
  if (contentType === undefined) return { present: false };
  const media = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (!JSON_TYPES.includes(media)) throw new HttpFault(415, "Unsupported Content-Type");
  return { present: true, raw };
}

/**
 * Python's JSON decoder recurses per nesting level and stops at the interpreter's recursion
 * limit (1000 frames, some already in use): the RecursionError is not a ValueError, so it
 * escapes `_from_json` / `action_peek_json` and FaultWrapper answers 500.
 */
export const PY_JSON_MAX_DEPTH = 900;

/** Deepest `[`/`{` nesting of JSON text (strings skipped), without recursion. */
export function nestingDepth(raw: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** `JSONDeserializer._from_json`: anything `json.loads` rejects is "Malformed request body". */
export function parseJson(raw: string): unknown {
  if (nestingDepth(raw) > PY_JSON_MAX_DEPTH) throw internalError("RecursionError: JSON nested deeper than Python's recursion limit");
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest("Malformed request body");
  }
}

/**
 * `wsgi.py:action_peek_json` inside `Resource.get_method`: the one key of the body names the
 * action. Non-dicts of length 1 fail with AttributeError (→ 404), other lengths are malformed.
 */
export function peekAction(body: BodyState): string {
  if (!body.present) throw badRequest("There is no such action: None. Verify the request body and Content-Type header and try again.");
  const decoded = parseJson(body.raw);
  if (typeof decoded === "string" || Array.isArray(decoded)) {
    if ([...decoded].length !== 1) throw badRequest("Malformed request body");
    throw notFound();
  }
  if (typeof decoded !== "object" || decoded === null) throw notFound();
  const keys = Object.keys(decoded);
  if (keys.length !== 1) throw badRequest("Malformed request body");
  return keys[0] as string;
}
