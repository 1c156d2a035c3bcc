import type { Fault } from "../format/index.ts";
import { applyFault } from "./fault-actions.ts";
import type { RunContext } from "./run-context.ts";

/**
 * The fault schedule of a run (Jepsen's nemesis): time-triggered faults are scheduled at the
 * workload start, step-triggered ones when their step has been issued, trace-triggered ones when
 * a matching trace line appears. Every delay and range is drawn from the seed.
 */
export class Nemesis {
  readonly #pendingTrace: Array<{ fault: Fault; seen: number }> = [];
  #unlisten: (() => void) | null = null;

  constructor(private readonly ctx: RunContext) {}

  arm(): void {
    for (const f of this.ctx.scenario.faults) {
      if (f.trigger.kind === "time") this.#schedule(f, this.ctx.draw(f.trigger.at));
      if (f.trigger.kind === "trace") this.#pendingTrace.push({ fault: f, seen: 0 });
    }
    if (this.#pendingTrace.length) {
      this.#unlisten = this.ctx.cloud.inspect.onTrace((e) => {
        if (e.service === "chaos") return;
        for (const p of [...this.#pendingTrace]) {
          if (p.fault.trigger.kind !== "trace") continue;
          const pattern = this.ctx.expand(p.fault.trigger.contains);
          if (/\{[A-Za-z]/.test(pattern) || !e.what.includes(pattern)) continue;
          if (++p.seen < p.fault.trigger.occurrence) continue;
          this.#pendingTrace.splice(this.#pendingTrace.indexOf(p), 1);
          this.#schedule(p.fault, this.ctx.draw(p.fault.trigger.delay));
        }
      });
    }
  }

  /** Called once step `index` (1-based) has been issued. */
  stepIssued(index: number): void {
    for (const f of this.ctx.scenario.faults) {
      if (f.trigger.kind === "step" && f.trigger.step === index) this.#schedule(f, this.ctx.draw(f.trigger.delay));
    }
  }

  disarm(): void {
    this.#unlisten?.();
    this.#unlisten = null;
  }

  #schedule(f: Fault, delayMs: number): void {
    const { cloud } = this.ctx;
    cloud.faults.at(delayMs, `chaos fault line ${f.where.line}`, () => this.#fire(f));
  }

  #fire(f: Fault): void {
    const ctx = this.ctx;
    const duration = f.duration ? ctx.draw(f.duration) : null;
    const healAt = duration !== null ? ctx.cloud.now() + duration : null;
    let applied;
    try {
      applied = applyFault(ctx, f.action, healAt);
    } catch (e) {
      ctx.note("error", `fault (line ${f.where.line}) could not be applied: ${(e as Error).message}`);
      ctx.find("expectation-failed", `fault at line ${f.where.line} could not be applied: ${(e as Error).message}`, { where: f.where });
      return;
    }
    const what = `${applied.what}${duration !== null && applied.heal ? ` for ${duration} ms` : ""}`;
    ctx.fired.set(f, { t: ctx.cloud.now(), what });
    ctx.note("fault", `${what} [scenario line ${f.where.line}]`, applied.subjects);
    const heal = applied.heal;
    if (!heal) return;
    ctx.active.add(heal);
    if (duration === null) return;
    ctx.cloud.faults.at(duration, `chaos heal line ${f.where.line}`, () => {
      if (!ctx.active.delete(heal)) return;
      heal();
      ctx.note("fault", `healed: ${applied.what} [scenario line ${f.where.line}]`, applied.subjects);
    });
  }
}
