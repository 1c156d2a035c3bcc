import { isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import { parseDuration } from "./duration.ts";
import type { Span, Where } from "./scenario.ts";
import { ScenarioError } from "./scenario-error.ts";

/**
 * A position-aware view of one YAML node: every accessor that rejects a value throws a
 * ScenarioError naming the file and the node's line:column.
 */
export class Cursor {
  constructor(
    readonly file: string,
    readonly lc: LineCounter,
    readonly node: Node | null,
    readonly path: string,
    private readonly fallback: Where,
  ) {}

  get where(): Where {
    const off = this.node?.range?.[0];
    if (off === undefined) return this.fallback;
    const p = this.lc.linePos(off);
    return { line: p.line, col: p.col };
  }

  fail(message: string): never {
    // The root has no path: `FILE:1:1: a scenario is a mapping…`, not `FILE:1:1: : a scenario…`.
    throw new ScenarioError(this.file, this.where, this.path ? `${this.path}: ${message}` : message);
  }

  get isMap(): boolean {
    return isMap(this.node);
  }

  get isSeq(): boolean {
    return isSeq(this.node);
  }

  get isScalar(): boolean {
    return isScalar(this.node);
  }

  /** Keys of a mapping, in file order; fails if this is not a mapping. */
  keys(): string[] {
    if (!isMap(this.node)) this.fail(`expected a mapping, got ${this.describe()}`);
    return this.node.items.map((p): string => {
      const k = isScalar(p.key) ? p.key.value : null;
      if (typeof k !== "string")
        return new Cursor(this.file, this.lc, p.key as Node, this.path, this.where).fail("keys must be plain strings");
      return k;
    });
  }

  /** Only these keys may appear (typos are errors, not silently ignored). */
  only(allowed: readonly string[]): this {
    for (const k of this.keys())
      if (!allowed.includes(k)) this.get(k).failKey(`unknown key '${k}'; expected one of: ${allowed.join(", ")}`);
    return this;
  }

  private failKey(message: string): never {
    throw new ScenarioError(this.file, this.keyWhere ?? this.where, message);
  }

  private keyWhere: Where | null = null;

  has(key: string): boolean {
    return this.keys().includes(key);
  }

  /** The child under `key` (a null-node cursor, placed at the key, when absent). */
  get(key: string): Cursor {
    if (!isMap(this.node)) this.fail(`expected a mapping, got ${this.describe()}`);
    const pair = this.node.items.find((p) => isScalar(p.key) && p.key.value === key);
    const keyOff = (pair?.key as Node | undefined)?.range?.[0];
    const keyWhere = keyOff === undefined ? null : (({ line, col }) => ({ line, col }))(this.lc.linePos(keyOff));
    const child = new Cursor(
      this.file,
      this.lc,
      (pair?.value as Node | undefined) ?? null,
      this.path ? `${this.path}.${key}` : key,
      keyWhere ?? this.where,
    );
    child.keyWhere = keyWhere;
    return child;
  }

  get present(): boolean {
    return this.node !== null && !(isScalar(this.node) && this.node.value === null);
  }

  items(): Cursor[] {
    if (!isSeq(this.node)) this.fail(`expected a list, got ${this.describe()}`);
    return this.node.items.map((n, i) => new Cursor(this.file, this.lc, n as Node, `${this.path}[${i + 1}]`, this.where));
  }

  value(): unknown {
    if (isMap(this.node)) this.fail("expected a single value, got a mapping (text containing ': ' must be quoted)");
    if (!isScalar(this.node)) this.fail(`expected a single value, got ${this.describe()}`);
    return this.node.value;
  }

  str(opts: { max?: number; pattern?: RegExp; hint?: string } = {}): string {
    const v = this.value();
    if (typeof v !== "string" && typeof v !== "number") this.fail(`expected a string, got ${JSON.stringify(v)}`);
    const s = String(v);
    if (s.length > (opts.max ?? 10_000)) this.fail(`text longer than ${opts.max ?? 10_000} characters`);
    if (opts.pattern && !opts.pattern.test(s)) this.fail(`${JSON.stringify(s)} is not ${opts.hint ?? `of the form ${opts.pattern}`}`);
    return s;
  }

  optStr(opts: { max?: number; pattern?: RegExp; hint?: string } = {}): string | null {
    return this.present ? this.str(opts) : null;
  }

  oneOf<T extends string>(choices: readonly T[]): T {
    const s = this.str();
    if (!choices.includes(s as T)) this.fail(`${JSON.stringify(s)} is not one of: ${choices.join(", ")}`);
    return s as T;
  }

  int(min: number, max: number): number {
    const v = this.value();
    if (typeof v !== "number" || !Number.isInteger(v)) this.fail(`expected an integer, got ${JSON.stringify(v)}`);
    if (v < min || v > max) this.fail(`${v} is outside [${min}, ${max}]`);
    return v;
  }

  bool(): boolean {
    const v = this.value();
    if (typeof v !== "boolean") this.fail(`expected true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  duration(): number {
    const r = parseDuration(this.value());
    if (typeof r === "string") this.fail(r);
    return r;
  }

  /** A duration or `[min, max]` drawn from the seed. */
  span(): Span {
    if (isSeq(this.node)) {
      const it = this.items();
      if (it.length !== 2) this.fail("a range is [min, max]");
      const min = it[0]!.duration();
      const max = it[1]!.duration();
      if (max < min) this.fail(`range [${min}ms, ${max}ms] is empty`);
      return { min, max };
    }
    const d = this.duration();
    return { min: d, max: d };
  }

  /** A string or a list of strings. */
  strList(opts: { max?: number; pattern?: RegExp; hint?: string } = {}): string[] {
    if (isSeq(this.node)) return this.items().map((c) => c.str(opts));
    return [this.str(opts)];
  }

  describe(): string {
    if (this.node === null) return "nothing";
    if (isMap(this.node)) return "a mapping";
    if (isSeq(this.node)) return "a list";
    return JSON.stringify((this.node as { value?: unknown }).value);
  }
}
