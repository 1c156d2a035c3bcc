/**
 * A bounded record of who called whom during a rule: the harness (in the backup manager's
 * role), the driver, the object store and the volume. Reports draw it as a sequence diagram.
 */
export interface TraceStep {
  seq: number;
  from: string;
  to: string;
  kind: "call" | "reply" | "error" | "note";
  what: string;
}

export class TraceRecorder {
  readonly #steps: TraceStep[] = [];
  #seq = 0;
  #dropped = 0;

  constructor(readonly limit = 400) {}

  record(from: string, to: string, kind: TraceStep["kind"], what: string): void {
    this.#steps.push({ seq: ++this.#seq, from, to, kind, what: what.length > 160 ? `${what.slice(0, 157)}...` : what });
    if (this.#steps.length > this.limit) {
      this.#steps.shift();
      this.#dropped++;
    }
  }

  note(who: string, what: string): void {
    this.record(who, who, "note", what);
  }

  /** The recorded steps; the oldest are dropped past `limit` (see `dropped`). */
  steps(): TraceStep[] {
    return [...this.#steps];
  }

  get dropped(): number {
    return this.#dropped;
  }
}
