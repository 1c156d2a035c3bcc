import { describe, expect, it } from "vitest";
import { CHECKER_CRASHED, composeAsyncCheckers, composeCheckers, verdictOf, type Checker, type Finding } from "./checker.ts";

const finds = (name: string, fs: Finding[]): Checker<number> => ({ name, check: () => fs });
const boom: Checker<number> = {
  name: "boom",
  check: () => {
    throw new Error("view has no rows");
  },
};

describe("one checker shape (Jepsen's checker.clj)", () => {
  it("composes checkers in order and concatenates their findings", () => {
    const a = { code: "a", subject: "x", message: "first" },
      b = { code: "b", message: "second" };
    const all = composeCheckers("all", [finds("one", [a]), finds("none", []), finds("two", [b])]);
    expect(all.check(0)).toEqual([a, b]);
    expect(verdictOf(all.check(0))).toBe("invalid");
    expect(verdictOf(composeCheckers("empty", [finds("none", [])]).check(0))).toBe("valid");
  });

  it("a throwing checker becomes one checker-crashed finding, the others still run, the verdict is unknown", async () => {
    const a = { code: "a", message: "still found" };
    const fs = composeCheckers("all", [boom, finds("one", [a])]).check(0);
    expect(fs).toEqual([{ code: CHECKER_CRASHED, subject: "boom", message: "checker boom crashed: view has no rows" }, a]);
    expect(verdictOf(fs)).toBe("unknown");
    const later = await composeAsyncCheckers(
      "async",
      [
        {
          name: "slow",
          check: async () => {
            throw new Error("store gone");
          },
        },
        finds("one", [a]),
      ],
      (f) => f,
    ).check(0);
    expect(later.map((f) => f.code)).toEqual([CHECKER_CRASHED, "a"]);
  });
});
