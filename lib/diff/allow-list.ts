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

export const ALLOW_LIST: readonly AllowEntry[] = [
  {
    id: "no-resource-filters-file",
    label: /^list [a-z/]+\?(.*&)?(name|status|volume_id|metadata|availability_zone)=.*@3\.(3[4-9]|[4-9]\d)$/,
    field: /^(status|message|answer)$/,
    target: /^(400|Invalid filters .+ are found in query options\.|—)$/,
    reason:
      "the bundled image installs cinder's python package but not cinder-common's /etc/cinder/resource_filters.json: from 3.34 cinder then allows no list filter at all (a deployment without the file; the simulator models the packaged file)",
    cinder: "cinder/api/common.py:_load_resource_filters, get_enabled_resource_filters, reject_invalid_filters",
  },
];

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
