/**
 * Virtual time for the simulated cloud. Milliseconds since the Unix epoch, moved only by the
 * Scheduler. Nothing in sim/ reads the wall clock.
 */
export class VirtualClock {
  #now: number;

  constructor(startMs: number = Date.UTC(2026, 0, 1, 0, 0, 0)) {
    this.#now = startMs;
  }

  /** Current virtual time in milliseconds since the epoch. */
  now(): number {
    return this.#now;
  }

  /** Moves time forward; time never goes back. */
  advanceTo(ms: number): void {
    if (ms < this.#now) throw new RangeError(`virtual time cannot go back: ${ms} < ${this.#now}`);
    this.#now = ms;
  }

  /** ISO-8601 with milliseconds and `Z`, as the REST views show datetimes. */
  iso(ms: number = this.#now): string {
    return new Date(ms).toISOString();
  }
}

/** cinder's REST views print datetimes as `2026-01-01T00:00:00.000000` (oslo `isotime`-like, no zone). */
export function cinderIso(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:00.000Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000`;
}

/** Python `str(datetime)` with a UTC tzinfo: `2026-01-01 00:00:00.123000+00:00` (chunked `_metadata` created_at). */
export function pythonDatetimeStr(ms: number): string {
  const iso = new Date(ms).toISOString();
  const micro = `${iso.slice(20, 23)}000`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micro === "000000" ? "" : `.${micro}`}+00:00`;
}
