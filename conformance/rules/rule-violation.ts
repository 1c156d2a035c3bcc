import type { TraceStep } from "../driver/trace-recorder.ts";

/** A MUST rule was broken: what the rule expected and what the driver did. */
export class RuleViolation extends Error {
  readonly code = "CBH_RULE_VIOLATION";

  /** A replay command more precise than the rule's default (model runs: `--replay SEED:PATH`). */
  replay?: string;
  /** Model runs: the shrunk command list. */
  counterexample?: string[];
  /** Steps to draw instead of the harness trace (model runs: the system cloud's trace). */
  traceOverride?: TraceStep[];

  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(message);
    this.name = "RuleViolation";
  }
}

const FOOTPRINT = Symbol.for("cbh.rule-violation");
(RuleViolation.prototype as unknown as Record<symbol, boolean>)[FOOTPRINT] = true;

/** Identifies a violation across module copies (vitest-style footprint, not instanceof). */
export function isRuleViolation(e: unknown): e is RuleViolation {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[FOOTPRINT] === true;
}

/** Throws a RuleViolation unless `actual === expected` (compared as JSON for objects). */
export function expectEqual<T>(what: string, expected: T, actual: T): void {
  const e = typeof expected === "string" ? expected : JSON.stringify(expected);
  const a = typeof actual === "string" ? actual : JSON.stringify(actual);
  if (e !== a) throw new RuleViolation(what, e, a);
}

export function expectTrue(cond: boolean, what: string, expected: string, actual: string): asserts cond {
  if (!cond) throw new RuleViolation(what, expected, actual);
}
