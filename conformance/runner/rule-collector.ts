import { combineUnits } from "./combine-units.ts";
import type { RuleResult } from "./result.ts";
import { sameRule, type SuiteUnit } from "./suite-plan.ts";

interface Group {
  readonly slots: number[];
  readonly results: RuleResult[];
  resolved: number;
  /** Lowest run of this rule known to have failed. */
  failedRun: number;
}

/**
 * Turns unit results (in plan order) into rule results, handed to `onRule` in plan order, each as
 * soon as every unit of its rule has arrived or was dropped. Runs of a perRun rule after a failing
 * run are dropped (one fast-check check stops at its first failure), whichever thread found it.
 */
export class RuleCollector {
  readonly #groups: Group[] = [];
  readonly #groupOf: number[] = [];
  #next = 0;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    readonly units: readonly SuiteUnit[],
    readonly onRule: (r: RuleResult, unit: SuiteUnit) => void | Promise<void>,
  ) {
    units.forEach((u, slot) => {
      const prev = slot > 0 ? units[slot - 1]! : null;
      if (!prev || !sameRule(prev, u)) this.#groups.push({ slots: [], results: [], resolved: 0, failedRun: Infinity });
      const g = this.#groups.length - 1;
      this.#groups[g]!.slots.push(slot);
      this.#groupOf.push(g);
    });
  }

  /** Whether `slot` is still worth running; a dropped slot counts as resolved. */
  wanted(slot: number): boolean {
    const g = this.#groups[this.#groupOf[slot]!]!;
    const run = this.units[slot]!.run;
    if (run === undefined || run <= g.failedRun) return true;
    this.#resolve(g);
    return false;
  }

  /** A unit finished (any order): a failing run drops the later runs of its rule. */
  completed(r: RuleResult, slot: number): void {
    const run = this.units[slot]!.run;
    const g = this.#groups[this.#groupOf[slot]!]!;
    if (run !== undefined && r.outcome !== "PASS") g.failedRun = Math.min(g.failedRun, run);
  }

  /**
   * A unit's result, in plan order. False when it is not part of its rule's result (a run after
   * a failing run that was already under way): one thread would not have run it.
   */
  add(r: RuleResult, slot: number): boolean {
    const g = this.#groups[this.#groupOf[slot]!]!;
    const run = this.units[slot]!.run;
    const kept = run === undefined || !g.results.some((x) => x.outcome !== "PASS");
    if (kept) g.results.push(r);
    this.#resolve(g);
    return kept;
  }

  /** Resolves when `onRule` has handled every rule result (called in order, each awaited). */
  finish(): Promise<void> {
    return this.#chain;
  }

  #resolve(g: Group): void {
    g.resolved++;
    while (this.#next < this.#groups.length && this.#groups[this.#next]!.resolved === this.#groups[this.#next]!.slots.length) {
      const g = this.#groups[this.#next++]!;
      const r = combineUnits(g.results);
      if (!r) continue;
      const unit = this.units[g.slots[0]!]!;
      this.#chain = this.#chain.then(() => this.onRule(r, unit));
    }
  }
}
