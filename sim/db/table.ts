/** One table of the simulated database: rows by id, in insertion order (deterministic scans). */
export class Table<R extends { id: string | number; deleted?: boolean }> {
  readonly #rows = new Map<string | number, R>();
  /** Rows not soft-deleted, kept in step by `sync` (scans of live rows stay O(live)). */
  readonly #live = new Map<string | number, R>();

  constructor(readonly name: string) {}

  insert(row: R): R {
    if (this.#rows.has(row.id)) throw new Error(`${this.name}: duplicate id ${String(row.id)}`);
    this.#rows.set(row.id, row);
    if (!row.deleted) this.#live.set(row.id, row);
    return row;
  }

  /** Re-files a row after its `deleted` flag changed. */
  sync(row: R): void {
    if (this.#rows.get(row.id) !== row) return;
    if (row.deleted) this.#live.delete(row.id);
    else if (!this.#live.has(row.id)) {
      // Keep insertion order of the full table for deterministic scans.
      const ordered = [...this.#rows.values()].filter((r) => !r.deleted);
      this.#live.clear();
      for (const r of ordered) this.#live.set(r.id, r);
    }
  }

  /** Live rows matching `pred` (`read_deleted='no'`), in insertion order. */
  filterLive(pred: (r: R) => boolean): R[] {
    const out: R[] = [];
    for (const r of this.#live.values()) if (pred(r)) out.push(r);
    return out;
  }

  /** Any row, soft-deleted included (`read_deleted='yes'`). */
  getAny(id: string | number): R | undefined {
    return this.#rows.get(id);
  }

  /** Rows matching `pred`, in insertion order. */
  filter(pred: (r: R) => boolean): R[] {
    const out: R[] = [];
    for (const r of this.#rows.values()) if (pred(r)) out.push(r);
    return out;
  }

  all(): R[] {
    return [...this.#rows.values()];
  }

  /** Hard delete (database loss). */
  purge(id: string | number): void {
    this.#rows.delete(id);
    this.#live.delete(id);
  }

  clear(): void {
    this.#rows.clear();
    this.#live.clear();
  }

  get size(): number {
    return this.#rows.size;
  }
}
