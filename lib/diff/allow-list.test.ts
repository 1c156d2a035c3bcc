import { describe, expect, it } from "vitest";
import { explain } from "./allow-list.ts";
import type { Divergence } from "./compare.ts";

const d = (label: string, sim: unknown, target: unknown): Divergence => ({
  index: 5,
  label,
  field: "answer",
  sim: JSON.stringify(sim),
  target: JSON.stringify(target),
});

describe("allow-list: same-second-default-order", () => {
  const a = { key: "volumes", items: ["<vol1>", "<vol0>"] };
  const b = { key: "volumes", items: ["<vol0>", "<vol1>"] };

  it("explains the same items in another order in a list of the default sort (seed 6)", () => {
    expect(explain(d("list volumes?all_tenants=1 @3.45", a, b)).allowed).toBe("same-second-default-order");
  });

  it("explains nothing else: an explicit sort, other items, another field", () => {
    expect(explain(d("list volumes?sort=name:asc @3.45", a, b)).allowed).toBeUndefined();
    expect(explain(d("list volumes @3.45", a, { key: "volumes", items: ["<vol0>"] })).allowed).toBeUndefined();
    expect(explain(d("list volumes @3.45", a, { key: "volumes", items: ["<vol0>", "<vol2>"] })).allowed).toBeUndefined();
    expect(explain({ ...d("list volumes @3.45", a, b), field: "status" }).allowed).toBeUndefined();
    expect(explain(d("show volume", a, b)).allowed).toBeUndefined();
  });
});
