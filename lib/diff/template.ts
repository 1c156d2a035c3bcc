/**
 * Placeholders in a step's path and body, resolved per cloud: `{ref:vol0}` (that cloud's id of
 * the resource bound as vol0, or ABSENT_ID when its creation failed), `{project}` (the member's
 * project id), `{name:label}` (`<run id>-label`: every name the run gives carries its run id),
 * `{record:rec0.backup_service}` / `{record:rec0.backup_url}` (an exported record).
 */
export interface Bindings {
  runId: string;
  projectId: string;
  refs: Map<string, string>;
  records: Map<string, Record<string, unknown>>;
}

/** An id no cloud has (the answer to it is a 404 on both sides). */
export const ABSENT_ID = "0000dead-0000-4000-8000-00000000beef";

const PLACEHOLDER = /\{(ref|project|name|record)(?::([^}]+))?\}/g;

export function resolveText(text: string, b: Bindings): string {
  return text.replace(PLACEHOLDER, (_m, kind: string, arg: string | undefined) => {
    if (kind === "project") return b.projectId;
    if (kind === "name") return `${b.runId}-${arg ?? ""}`;
    if (kind === "ref") return b.refs.get(arg ?? "") ?? ABSENT_ID;
    const [rec = "", field = ""] = (arg ?? "").split(".");
    const v = b.records.get(rec)?.[field];
    return typeof v === "string" ? v : "";
  });
}

/** Resolves every string of a JSON value (keys too: metadata keys may be names). */
export function resolveValue(v: unknown, b: Bindings): unknown {
  if (typeof v === "string") return resolveText(v, b);
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, b));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [resolveText(k, b), resolveValue(x, b)]));
  return v;
}

/** The value at a dotted path (`backup.id`, `restore.volume_id`). */
export function pick(body: unknown, path: string): unknown {
  let cur: unknown = body;
  for (const k of path.split(".")) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}
