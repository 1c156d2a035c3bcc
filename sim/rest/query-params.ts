/**
 * The request's query string as webob's `req.params` MultiDict (`req.params.copy()` then `pop`):
 * a repeated key keeps every value; `get` returns the last one like `MultiDict.__getitem__`.
 */
export class QueryParams {
  private readonly pairs: Array<[string, string]>;

  constructor(source: URLSearchParams | Record<string, string | string[]>) {
    this.pairs = [];
    if (source instanceof URLSearchParams) {
      for (const [k, v] of source) this.pairs.push([k, v]);
    } else {
      for (const [k, v] of Object.entries(source)) {
        for (const x of Array.isArray(v) ? v : [v]) this.pairs.push([k, x]);
      }
    }
  }

  has(key: string): boolean {
    return this.pairs.some(([k]) => k === key);
  }

  get(key: string): string | undefined {
    let found: string | undefined;
    for (const [k, v] of this.pairs) if (k === key) found = v;
    return found;
  }

  /** One value per key (the last), in first-appearance order: `dict(req.params)` for filters. */
  toDict(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.pairs) out[k] = v;
    return out;
  }

  entries(): ReadonlyArray<[string, string]> {
    return this.pairs;
  }
}
