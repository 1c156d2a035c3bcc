import { invalidInput } from "../errors/cinder-errors.ts";
import type { ListQuery } from "./operations.ts";

/**
 * Filtering, sorting and pagination of list queries (`db/sqlalchemy/api.py:_generate_paginate_query`):
 * exact filters (and `name~` LIKE-style from 3.34 as a substring match), sort keys with
 * directions, `marker` (the last id of the previous page), `offset`, `limit`.
 */
export function applyListQuery<R extends { id: string }>(
  rows: R[],
  q: ListQuery,
  field: (r: R, key: string) => unknown,
  maxLimit: number,
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
  out = [...out].sort((a, b) => {
    for (const [k, dir] of keys) {
      const x = field(a, k),
        y = field(b, k);
      const c = compare(x, y);
      if (c !== 0) return dir === "asc" ? c : -c;
    }
    return 0;
  });
  const count = out.length;
  if (q.marker !== undefined) {
    const i = out.findIndex((r) => r.id === q.marker);
    if (i < 0) throw invalidInput(`marker [${q.marker}] not found`);
    out = out.slice(i + 1);
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
