import type { StepView } from "./normalise.ts";

/** A difference between the simulator's and the target's answer to one step, after normalisation. */
export interface Divergence {
  index: number;
  label: string;
  /** `status`, `message`, `answer`, `state.<ref>`, `usage.<key>`, `digest`, `missing-step`. */
  field: string;
  sim: string;
  target: string;
  /** The allow-list entry that explains it, if any. */
  allowed?: string;
}

const str = (v: unknown): string => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/**
 * Compares two normalised runs step by step, field by field. A settled status or a usage figure
 * that differs is reported at the step where the difference appears or changes, not again at
 * every later step that still shows it (it would bury the next difference).
 */
export function compareViews(sim: StepView[], target: StepView[], labels: (index: number) => string): Divergence[] {
  const out: Divergence[] = [];
  const byIndex = new Map(target.map((v) => [v.index, v]));
  const standing = new Map<string, string>();
  for (const a of sim) {
    const b = byIndex.get(a.index);
    const label = labels(a.index);
    if (!b) {
      out.push({ index: a.index, label, field: "missing-step", sim: "ran", target: "not run" });
      continue;
    }
    const same = (field: string, x: unknown, y: unknown): void => {
      const persistent = field.startsWith("state.") || field.startsWith("usage.");
      if (str(x) === str(y)) {
        if (persistent) standing.delete(field);
        return;
      }
      const key = `${str(x)}\u0000${str(y)}`;
      if (persistent && standing.get(field) === key) return;
      if (persistent) standing.set(field, key);
      out.push({ index: a.index, label, field, sim: str(x), target: str(y) });
    };
    same("status", a.status, b.status);
    same("message", a.message, b.message);
    same("answer", a.answer, b.answer);
    for (const ref of union(a.state, b.state)) same(`state.${ref}`, a.state?.[ref], b.state?.[ref]);
    for (const key of union(a.usage, b.usage)) same(`usage.${key}`, a.usage?.[key], b.usage?.[key]);
    same("digest", a.digest, b.digest);
  }
  return out;
}

function union(a?: Record<string, unknown>, b?: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
}
