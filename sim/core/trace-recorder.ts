import { createHash } from "node:crypto";
import type { TraceEntry, TraceView } from "./trace-entry.ts";
import { describeEvent } from "./trace-event.ts";
import type { VirtualClock } from "./virtual-clock.ts";

/** What a recorder is given: the event; time, sequence and the human text are its own. */
export type TraceInput = Omit<TraceEntry, "t" | "seq" | "what">;

/**
 * Records what happens in the simulated cloud, step by step. The canonical form is one JSON
 * object per line with keys in a fixed order, so the same seed gives byte-identical traces.
 */
export class TraceRecorder implements TraceView {
  readonly #entries: TraceEntry[] = [];
  #seq = 0;
  readonly #listeners: Array<(e: TraceEntry) => void> = [];

  constructor(
    private readonly clock: VirtualClock,
    readonly enabled = true,
  ) {}

  record(e: TraceInput): void {
    if (!this.enabled && this.#listeners.length === 0) {
      this.#seq++;
      return;
    }
    const entry: TraceEntry = { t: this.clock.now(), seq: this.#seq++, ...e, what: describeEvent(e.event) };
    if (this.enabled) this.#entries.push(entry);
    for (const l of this.#listeners) l(entry);
  }

  /** Live listener (CLI progress, the HTTP server's /sim/v1/trace). */
  onEntry(listener: (e: TraceEntry) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** False when nothing would keep an entry: callers may skip building one. */
  get active(): boolean {
    return this.enabled || this.#listeners.length > 0;
  }

  get count(): number {
    return this.#seq;
  }

  entries(): readonly TraceEntry[] {
    return this.#entries;
  }

  jsonl(from = 0): string {
    let out = "";
    for (let i = from; i < this.#entries.length; i++) out += `${canonicalLine(this.#entries[i]!)}\n`;
    return out;
  }

  hash(): string {
    const h = createHash("sha256");
    for (const e of this.#entries) h.update(`${canonicalLine(e)}\n`);
    return h.digest("hex");
  }
}

const ORDER = ["t", "seq", "flow", "step", "service", "host", "kind", "what", "detail"] as const;

/** One trace entry as canonical JSON: fixed key order, detail keys sorted. */
export function canonicalLine(e: TraceEntry): string {
  return JSON.stringify(canonicalFields(e));
}

/** The fields of the canonical trace (the event is not among them: `what` is derived from it). */
export function canonicalFields(e: TraceEntry): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of ORDER) {
    const v = e[k];
    if (v === undefined) continue;
    o[k] = k === "detail" ? sortKeys(v) : v;
  }
  return o;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
