import type { Divergence } from "./compare.ts";

/**
 * Known, explained differences between `cbh serve` and real cinder 21.3.1. A divergence that
 * matches an entry is reported as explained (never silently dropped); anything else fails the
 * run. Each entry names the cinder code that explains it. docs/diff.md lists them.
 */
export interface AllowEntry {
  id: string;
  /** Matched against the step label, the field and the two answers (all must match). */
  label?: RegExp;
  field?: RegExp;
  sim?: RegExp;
  target?: RegExp;
  reason: string;
  /** The cinder function (file:function) that makes the target answer as it does. */
  cinder: string;
}

/**
 * Empty: every difference found so far was the simulator's and is fixed (docs/fidelity.md).
 * `no-resource-filters-file` (the bundled image lacked /etc/cinder/resource_filters.json, so from
 * 3.34 cinder rejected every list filter) went when the image began to ship the file: seed 13,
 * which lists snapshots by name at 3.60, agrees without it.
 */
export const ALLOW_LIST: readonly AllowEntry[] = [];

export function explain(d: Divergence, list: readonly AllowEntry[] = ALLOW_LIST): Divergence {
  const hit = list.find(
    (e) =>
      (!e.label || e.label.test(d.label)) &&
      (!e.field || e.field.test(d.field)) &&
      (!e.sim || e.sim.test(d.sim)) &&
      (!e.target || e.target.test(d.target)),
  );
  return hit ? { ...d, allowed: hit.id } : d;
}
