import { internalError } from "./faults.ts";
import { isFloatLiteral } from "./number-literals.ts";
import { pyRepr as pyReprPlain, type LiteralContext } from "./py-repr.ts";

/**
 * The subset of JSON Schema Draft 4 cinder's body schemas use, evaluated the way
 * `jsonschema` 4.10 (Debian 12) does inside `api/validation/validators.py:_SchemaValidator`:
 * keywords in the schema's own key order, the first error wins, messages verbatim.
 */
export type Schema = { readonly [keyword: string]: unknown };

export interface SchemaError {
  message: string;
  /** The body's number literals, to print the instance as Python would. */
  numbers?: ReadonlyMap<string, string>;
  /** Absolute path of the failing instance (`ValidationError.path`). */
  path: Array<string | number>;
  instance: unknown;
  /** A custom format checker raised a cinder exception (`FormatChecker.check` cause). */
  cause?: { kind: "InvalidName" | "raise"; message: string; status?: number };
}

/** A format checker: true/false, or throws `FormatRaise` (propagates as a cinder exception). */
export type FormatChecker = (value: unknown) => boolean;

/** Raised by a format checker whose exception cinder does not convert to a ValidationError. */
export class FormatRaise extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly asName = false,
  ) {
    super(message);
  }
}

const compiled = new Map<string, RegExp>();

/**
 * Python `re.search` semantics for cinder's patterns (all BMP character classes, so no `u`
 * flag: Python's `\#`-style escapes stay legal and astral characters fall outside every class);
 * an anchored `$` also matches before a final newline.
 */
export function pyRegex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern.endsWith("$") && !pattern.endsWith("\\$") ? pattern.slice(0, -1) + "\n?$" : pattern);
    compiled.set(pattern, re);
  }
  return re;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isType(v: unknown, t: string, isFloat: boolean): boolean {
  switch (t) {
    case "object":
      return isObject(v);
    case "array":
      return Array.isArray(v);
    case "string":
      return typeof v === "string";
    case "integer":
      return typeof v === "number" && Number.isInteger(v) && !isFloat;
    case "number":
      return typeof v === "number";
    case "boolean":
      return typeof v === "boolean";
    case "null":
      return v === null;
    default:
      return false;
  }
}

/** Python equality as `enum` uses it, with jsonschema's `unbool` (True is not 1). */
function pyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "boolean" || typeof b === "boolean") return a === b;
  if (typeof a !== typeof b) return false;
  if (typeof a !== "object" || a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

const pyLen = (s: string): number => [...s].length;

/** Python's `sorted()` of strings: by code point (`_utils.extras_msg` sorts the extras). */
function pySorted(xs: readonly string[]): string[] {
  const cps = (s: string): number[] => [...s].map((c) => c.codePointAt(0) as number);
  return [...xs].sort((a, b) => {
    const x = cps(a);
    const y = cps(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return x.length - y.length;
  });
}

export class Validator {
  constructor(private readonly formats: Readonly<Record<string, FormatChecker>>) {}

  /** First error of `instance` against `schema`, or undefined. `numbers`: the body's number literals. */
  firstError(
    instance: unknown,
    schema: unknown,
    numbers: ReadonlyMap<string, string> = new Map(),
    base: Array<string | number> = [],
  ): SchemaError | undefined {
    for (const e of this.iter(instance, schema, base, numbers)) return { ...e, numbers };
    return undefined;
  }

  private *iter(
    instance: unknown,
    schema: unknown,
    path: Array<string | number>,
    numbers: ReadonlyMap<string, string>,
  ): Generator<SchemaError> {
    const fc: LiteralContext = { numbers, path };
    const pyRepr = (x: unknown, c?: LiteralContext): string => pyReprPlain(x, c);
    const isFloat = isFloatLiteral(numbers.get(path.join("\u0000")));
    // jsonschema descends into a non-dict subschema and fails with AttributeError (cinder's
    // schemas carry `'properties': {'type': 'object', ...}`): FaultWrapper answers 500.
    if (!isObject(schema)) throw internalError("AttributeError: jsonschema descended into a non-dict subschema");
    const err = (message: string): SchemaError => ({ message, path, instance });
    for (const [kw, v] of Object.entries(schema)) {
      switch (kw) {
        case "type": {
          const types = Array.isArray(v) ? (v as string[]) : [v as string];
          if (!types.some((t) => isType(instance, t, isFloat)))
            yield err(`${pyRepr(instance, fc)} is not of type ${types.map((t) => pyRepr(t)).join(", ")}`);
          break;
        }
        case "properties":
          if (!isObject(instance)) break;
          for (const [p, sub] of Object.entries(v as Record<string, unknown>)) {
            if (Object.hasOwn(instance, p)) yield* this.iter(instance[p], sub, [...path, p], numbers);
          }
          break;
        case "patternProperties":
          if (!isObject(instance)) break;
          for (const [pat, sub] of Object.entries(v as Record<string, unknown>)) {
            const re = pyRegex(pat);
            for (const [k, x] of Object.entries(instance)) if (re.test(k)) yield* this.iter(x, sub, [...path, k], numbers);
          }
          break;
        case "additionalProperties": {
          if (!isObject(instance) || v !== false) break;
          const props = (schema["properties"] ?? {}) as Record<string, unknown>;
          const pats = Object.keys((schema["patternProperties"] ?? {}) as Record<string, unknown>);
          const extras = Object.keys(instance).filter((k) => !Object.hasOwn(props, k) && !pats.some((p) => pyRegex(p).test(k)));
          if (extras.length === 0) break;
          if (schema["patternProperties"] !== undefined) {
            const joined = pySorted(extras)
              .map((e) => pyRepr(e))
              .join(", ");
            yield err(
              `${joined} ${extras.length === 1 ? "does" : "do"} not match any of the regexes: ${pySorted(pats)
                .map((p) => pyRepr(p))
                .join(", ")}`,
            );
          } else {
            yield err(
              `Additional properties are not allowed (${pySorted(extras)
                .map((e) => pyRepr(e))
                .join(", ")} ${extras.length === 1 ? "was" : "were"} unexpected)`,
            );
          }
          break;
        }
        case "required":
          if (!isObject(instance)) break;
          for (const p of v as string[]) if (!Object.hasOwn(instance, p)) yield err(`${pyRepr(p)} is a required property`);
          break;
        case "minProperties":
          if (isObject(instance) && Object.keys(instance).length < (v as number))
            yield err(`${pyRepr(instance, fc)} does not have enough properties`);
          break;
        case "maxProperties":
          if (isObject(instance) && Object.keys(instance).length > (v as number))
            yield err(`${pyRepr(instance, fc)} has too many properties`);
          break;
        case "enum":
          if (!(v as unknown[]).some((e) => pyEqual(instance, e))) yield err(`${pyRepr(instance, fc)} is not one of ${pyRepr(v)}`);
          break;
        case "minLength":
          if (typeof instance === "string" && pyLen(instance) < (v as number)) yield err(`${pyRepr(instance, fc)} is too short`);
          break;
        case "maxLength":
          if (typeof instance === "string" && pyLen(instance) > (v as number)) yield err(`${pyRepr(instance, fc)} is too long`);
          break;
        case "pattern":
          if (typeof instance === "string" && !pyRegex(v as string).test(instance))
            yield err(`${pyRepr(instance, fc)} does not match ${pyRepr(v)}`);
          break;
        case "minimum":
        case "maximum": {
          // validators.py:_SchemaValidator._validate_minimum/_maximum: strings are converted first.
          const n = numberFromStr(instance);
          if (n === undefined) break;
          // Python compares and prints `int(value)` exactly: use the literal digits when there are some.
          const literal = typeof instance === "string" ? instance : numbers.get(path.join("\u0000"));
          const shown =
            literal !== undefined && /^\s*[+-]?\d[\d_]*\s*$/.test(literal)
              ? BigInt(literal.trim().replace(/_/g, "")).toString()
              : pyRepr(n);
          if (kw === "minimum" && n < (v as number)) yield err(`${shown} is less than the minimum of ${pyRepr(v)}`);
          if (kw === "maximum" && n > (v as number)) yield err(`${shown} is greater than the maximum of ${pyRepr(v)}`);
          break;
        }
        case "format": {
          const check = this.formats[v as string];
          if (!check) break;
          let ok: boolean;
          try {
            ok = check(instance);
          } catch (e) {
            if (!(e instanceof FormatRaise)) throw e;
            if (e.asName) {
              yield { ...err(`${pyRepr(instance, fc)} is not a ${pyRepr(v)}`), cause: { kind: "InvalidName", message: e.message } };
              break;
            }
            yield { ...err(e.message), cause: { kind: "raise", message: e.message, status: e.status } };
            break;
          }
          if (!ok) yield err(`${pyRepr(instance, fc)} is not a ${pyRepr(v)}`);
          break;
        }
        case "anyOf":
          if (!(v as unknown[]).some((s) => this.firstError(instance, s, numbers, path) === undefined))
            yield err(`${pyRepr(instance, fc)} is not valid under any of the given schemas`);
          break;
        case "oneOf": {
          const subs = v as unknown[];
          const valid = subs.filter((s) => this.firstError(instance, s, numbers, path) === undefined);
          if (valid.length === 0) yield err(`${pyRepr(instance, fc)} is not valid under any of the given schemas`);
          else if (valid.length > 1) yield err(`${pyRepr(instance, fc)} is valid under each of ${valid.map((s) => pyRepr(s)).join(", ")}`);
          break;
        }
        default:
          break;
      }
    }
  }
}

/** `_SchemaValidator._number_from_str`: int(), then float(), else None. */
function numberFromStr(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v !== "string") return undefined;
  const s = v.trim().replace(/_/g, "");
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s))
    return Number(s.replace(/inf(inity)?/i, "Infinity"));
  return undefined;
}
