import type { CinderError } from "../errors/cinder-errors.ts";
import type { ListQuery } from "./operations.ts";

/**
 * Filtering, sorting and pagination of list queries (`db/sqlalchemy/api.py:_generate_paginate_query`):
 * exact filters (and `name~` LIKE-style from 3.34 as a substring match), sort keys with
 * directions, `marker` (the last id of the previous page), `offset`, `limit`. The marker is
 * looked up with the resource's own getter (`get(context, marker)`, PAGINATION_HELPERS: a
 * NotFound, 404, when the caller cannot see it) and pages continue after its place in the sort
 * order, also when the filters leave it out (`sqlalchemyutils.paginate_query`).
 */
export function applyListQuery<R extends { id: string }>(
  rows: R[],
  q: ListQuery,
  field: (r: R, key: string) => unknown,
  maxLimit: number,
  markerNotFound: (marker: string) => CinderError,
): { items: R[]; count: number } {
  let out = rows.filter((r) =>
    Object.entries(q.filters).every(([k, v]) => {
      if (k.endsWith("~")) return String(field(r, k.slice(0, -1)) ?? "").includes(v);
      const actual = field(r, k);
      return actual === undefined ? true : String(actual) === v;
    }),
  );
  const sort = q.sort.length ? q.sort : [["created_at", "desc"] as [string, "asc" | "desc"]];
  const keys = [...sort, ["id", sort[0]?.[1] ?? "desc"] as [string, "asc" | "desc"]];
  const order = (a: R, b: R): number => {
    for (const [k, dir] of keys) {
      const c = compare(field(a, k), field(b, k));
      if (c !== 0) return dir === "asc" ? c : -c;
    }
    return 0;
  };
  out = [...out].sort(order);
  const count = out.length;
  if (q.marker !== undefined) {
    const marker = rows.find((r) => r.id === q.marker);
    if (!marker) throw markerNotFound(q.marker);
    out = out.filter((r) => order(r, marker) > 0);
  }
  if (q.offset) out = out.slice(q.offset);
  const limit = Math.min(q.limit ?? maxLimit, maxLimit);
  return { items: out.slice(0, limit), count };
}

function compare(x: unknown, y: unknown): number {
  if (x === y) return 0;
  if (x === null || x === undefined) return -1;
  if (y === null || y === undefined) return 1;
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x) < String(y) ? -1 : 1;
}
