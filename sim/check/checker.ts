/**
 * One checker shape for every check in the project (as Jepsen's `checker.clj`): a named
 * function from a view of the system to findings. Checkers compose; a checker that throws
 * does not abort the others, it becomes one `checker-crashed` finding: the verdict is then
 * unknown, never a silent pass.
 */

/** Something a checker found. `code` is stable (each checker documents its codes); `subject` is the id it is about, when there is one. */
export interface Finding {
  readonly code: string;
  readonly subject?: string;
  readonly message: string;
}

export interface Checker<V, F extends Finding = Finding> {
  readonly name: string;
  check(view: V): F[];
}

export interface AsyncChecker<V, F extends Finding = Finding> {
  readonly name: string;
  check(view: V): Promise<F[]>;
}

/** Code of the finding that stands for a checker which threw (Jepsen's `:valid? :unknown`). */
export const CHECKER_CRASHED = "checker-crashed";

export type Verdict = "valid" | "invalid" | "unknown";

/** valid: nothing found; unknown: a checker crashed; invalid: anything else found. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.code === CHECKER_CRASHED)) return "unknown";
  return findings.length ? "invalid" : "valid";
}

function crashed(name: string, e: unknown): Finding {
  return { code: CHECKER_CRASHED, subject: name, message: `checker ${name} crashed: ${e instanceof Error ? e.message : String(e)}` };
}

/** Runs every checker in order and concatenates their findings; a throwing checker yields one `checker-crashed` finding. */
export function composeCheckers<V, F extends Finding>(
  name: string,
  checkers: ReadonlyArray<Checker<V, F>>,
  onCrash: (f: Finding) => F,
): Checker<V, F>;
export function composeCheckers<V>(name: string, checkers: ReadonlyArray<Checker<V>>): Checker<V>;
export function composeCheckers<V>(
  name: string,
  checkers: ReadonlyArray<Checker<V>>,
  onCrash: (f: Finding) => Finding = (f) => f,
): Checker<V> {
  return {
    name,
    check(view) {
      const out: Finding[] = [];
      for (const c of checkers) {
        try {
          out.push(...c.check(view));
        } catch (e) {
          out.push(onCrash(crashed(c.name, e)));
        }
      }
      return out;
    },
  };
}

/** `composeCheckers` for checkers that wait (restores, store listings); run one after another, never concurrently. */
export function composeAsyncCheckers<V, F extends Finding>(
  name: string,
  checkers: ReadonlyArray<Checker<V, F> | AsyncChecker<V, F>>,
  onCrash: (f: Finding) => F,
): AsyncChecker<V, F> {
  return {
    name,
    async check(view) {
      const out: F[] = [];
      for (const c of checkers) {
        try {
          out.push(...(await c.check(view)));
        } catch (e) {
          out.push(onCrash(crashed(c.name, e)));
        }
      }
      return out;
    },
  };
}
