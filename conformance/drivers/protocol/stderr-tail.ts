/** Keeps the last `limit` bytes of a process's stderr, for error messages. */
export class StderrTail {
  #text = "";
  constructor(readonly limit = 4096) {}

  push(chunk: string): void {
    this.#text = (this.#text + chunk).slice(-this.limit);
  }

  /** The last `lines` lines, indented, or `(stderr empty)`. */
  tail(lines = 15): string {
    const all = this.#text.trimEnd().split("\n").slice(-lines);
    return all.join("\n").trim() ? all.map((l) => `  | ${l}`).join("\n") : "  | (stderr empty)";
  }
}
