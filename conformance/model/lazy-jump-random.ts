import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";
import { xorshift128plus } from "pure-rand/generator/xorshift128plus";

/**
 * fast-check's default generator (xorshift128plus from the pure-rand it uses) with jumps done only
 * when a run's values are drawn: `randomType` for a model run's `fc.check`.
 *
 * A model run is one unit of `--jobs`/`--shard` and is replayed as `path: "N"` (model-run.ts). fast-check
 * walks to run N by jumping its generator N times (`lazyToss`, one jump per run passed over), about
 * 0.4 µs each: run 7,000 cost 2.8 ms before its first command, so a sweep of n runs cost O(n²). Here a
 * jump only counts, and the state is computed when a run draws, from this thread's last computed state
 * of the same seed when it is not past the wanted one (units come in increasing order), so a sweep costs
 * O(n) jumps. Same sequence as fast-check's default, run for run (lazy-jump-random.test.ts).
 */
export function lazyJumpRandom(seed: number): JumpableRandomGenerator {
  return new LazyJumpGenerator(seed);
}

class LazyJumpGenerator implements JumpableRandomGenerator {
  #jumps = 0;
  #real: JumpableRandomGenerator | null = null;

  constructor(readonly seed: number) {}

  jump(): void {
    if (this.#real) this.#real.jump();
    else this.#jumps++;
  }

  clone(): JumpableRandomGenerator {
    return this.#state().clone();
  }

  next(): number {
    return this.#state().next();
  }

  getState(): readonly number[] {
    return this.#state().getState();
  }

  #state(): JumpableRandomGenerator {
    return (this.#real ??= jumped(this.seed, this.#jumps));
  }
}

/** This thread's last computed state: the seed, how many jumps from it, the generator there (never handed out). */
let last: { seed: number; jumps: number; rng: JumpableRandomGenerator } | null = null;

function jumped(seed: number, jumps: number): JumpableRandomGenerator {
  const from = last && last.seed === seed && last.jumps <= jumps ? last : { seed, jumps: 0, rng: xorshift128plus(seed) };
  const rng = from.rng.clone();
  for (let i = from.jumps; i < jumps; i++) rng.jump();
  last = { seed, jumps, rng: rng.clone() };
  return rng;
}
