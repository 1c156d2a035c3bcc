import type { AsyncCommand } from "fast-check";
import type { RequestContext } from "../../sim/api/request-context.ts";
import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { capture, show, type CloudPair, type OpOutcome, type PairModel, type Side } from "./cloud-pair.ts";
import { ModelDivergence } from "./divergence.ts";
import { compareClouds } from "./observe.ts";

export interface SideHandle {
  side: Side;
  cloud: SimulatedCloud;
  ctx: RequestContext;
  /** This side's id of a paired resource. */
  id(p: { model: string; system: string }): string;
}

/**
 * A command of the model run: `act` runs the same cinder operation on each cloud (then settles),
 * the outcomes (value or cinder error) must match, and afterwards every tracked resource must
 * look the same in both clouds.
 */
export abstract class PairCommand implements AsyncCommand<PairModel, CloudPair> {
  abstract check(m: Readonly<PairModel>): boolean;
  abstract toString(): string;
  /** Runs on one side; returns the observable outcome and, on success, the id of what was created. */
  protected abstract act(h: SideHandle, m: PairModel): Promise<{ outcome: string; created?: string }>;
  /** Records what `act` created (same index on both sides). */
  protected record(_m: PairModel, _ids: { model: string; system: string }): void {}

  async run(m: PairModel, p: CloudPair): Promise<void> {
    const results: Record<Side, { o: OpOutcome; created?: string }> = {} as never;
    for (const side of ["model", "system"] as const) {
      const h: SideHandle = { side, cloud: p[side], ctx: side === "model" ? p.modelCtx : p.systemCtx, id: (x) => x[side] };
      let created: string | undefined;
      const o = await capture(async () => {
        const r = await this.act(h, m);
        created = r.created;
        return r.outcome;
      });
      await h.cloud.settle();
      results[side] = { o, ...(created ? { created } : {}) };
    }
    const a = show(results.model.o),
      b = show(results.system.o);
    if (a !== b) throw new ModelDivergence(`${this.toString()}: outcome`, a, b);
    if (results.model.created && results.system.created) this.record(m, { model: results.model.created, system: results.system.created });
    await compareClouds(p, m, this.toString());
  }
}

/** Picks the element at `i` modulo the list length. */
export function at<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}
