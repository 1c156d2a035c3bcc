/** One table of the simulated database: rows by id, in insertion order (deterministic scans). */
export class Table<R extends { id: string | number }> {
  readonly #rows = new Map<string | number, R>();

  constructor(readonly name: string) {}

  insert(row: R): R {
    if (this.#rows.has(row.id)) throw new Error(`${this.name}: duplicate id ${String(row.id)}`);
    this.#rows.set(row.id, row);
    return row;
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
  }

  clear(): void {
    this.#rows.clear();
  }

  get size(): number {
    return this.#rows.size;
  }
}
