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
  /** A check the regular expressions cannot make (e.g. "the same items in another order"). */
  when?: (d: Divergence) => boolean;
  reason: string;
  /** The cinder function (file:function) that makes the target answer as it does. */
  cinder: string;
}

/**
 * Every other difference found so far was the simulator's and is fixed (docs/fidelity.md).
 * `no-resource-filters-file` (the bundled image lacked /etc/cinder/resource_filters.json, so from
 * 3.34 cinder rejected every list filter) went when the image began to ship the file.
 */
export const ALLOW_LIST: readonly AllowEntry[] = [
  {
    id: "same-second-default-order",
    label: /^list (volumes|snapshots|backups)/,
    field: /^answer$/,
    when: (d) => !/[?&](sort|sort_key|sort_dir)=/.test(d.label) && samePermuted(d.sim, d.target),
    reason:
      "a list in the default order (created_at desc, then id desc) whose items are the same but ordered otherwise: " +
      "created_at is a MariaDB DATETIME, whole seconds, so resources created in the same second are ordered by " +
      "their uuids, random on the real cloud (cbh diff seed 6: two volumes created within one second)",
    cinder: "db/sqlalchemy/api.py:process_sort_params (default keys created_at, id; dirs desc); models.py CinderBase.created_at",
  },
];

/** Both answers are `{key, items}` lists with the same items, in a different order. */
function samePermuted(sim: string, target: string): boolean {
  const items = (s: string): string[] | undefined => {
    try {
      const v = JSON.parse(s) as { items?: unknown };
      return Array.isArray(v.items) ? v.items.map(String) : undefined;
    } catch {
      return undefined;
    }
  };
  const a = items(sim);
  const b = items(target);
  if (!a || !b || a.length !== b.length || a.join() === b.join()) return false;
  return [...a].sort().join() === [...b].sort().join();
}

export function explain(d: Divergence, list: readonly AllowEntry[] = ALLOW_LIST): Divergence {
  const hit = list.find(
    (e) =>
      (!e.label || e.label.test(d.label)) &&
      (!e.field || e.field.test(d.field)) &&
      (!e.sim || e.sim.test(d.sim)) &&
      (!e.target || e.target.test(d.target)) &&
      (!e.when || e.when(d)),
  );
  return hit ? { ...d, allowed: hit.id } : d;
}
