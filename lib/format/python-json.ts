/**
 * Byte-exact Python `json.dumps(obj, sort_keys=True, indent=2)` (CPython 3 `json.encoder`, pure
 * Python path with `ensure_ascii=True`): what `chunkeddriver.py:_write_metadata` and
 * `_write_sha256file` put on storage. With `indent` set, the item separator is `","` + newline and
 * the key separator `": "`; empty containers print as `[]` / `{}`.
 */

/** A value Python would hold as `float` even when integral (`1.0`). Plain non-integral numbers are floats too. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyJson = null | boolean | number | bigint | string | PyFloat | PyJson[] | { [key: string]: PyJson | undefined };

export interface DumpsOptions {
  sortKeys?: boolean;
  indent?: number | null;
}

/** `json.dumps(value, sort_keys=..., indent=...)` with Python's defaults otherwise. */
export function pythonJsonDumps(value: PyJson, options: DumpsOptions = {}): string {
  const out: string[] = [];
  encode(value, options.indent ?? null, options.sortKeys ?? false, 0, out);
  return out.join("");
}

function encode(v: PyJson, indent: number | null, sortKeys: boolean, level: number, out: string[]): void {
  if (v === null) out.push("null");
  else if (v === true) out.push("true");
  else if (v === false) out.push("false");
  else if (typeof v === "string") out.push(pyStr(v));
  else if (typeof v === "bigint") out.push(v.toString());
  else if (typeof v === "number") out.push(Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? String(v) : pyFloatRepr(v));
  else if (v instanceof PyFloat) out.push(pyFloatRepr(v.value));
  else if (Array.isArray(v)) encodeList(v, indent, sortKeys, level, out);
  else encodeDict(v, indent, sortKeys, level, out);
}

function encodeList(list: PyJson[], indent: number | null, sortKeys: boolean, level: number, out: string[]): void {
  if (list.length === 0) {
    out.push("[]");
    return;
  }
  const [open, sep, close] = separators(indent, level);
  out.push("[", open);
  list.forEach((item, i) => {
    if (i > 0) out.push(sep);
    encode(item, indent, sortKeys, level + 1, out);
  });
  out.push(close, "]");
}

function encodeDict(
  dict: { [key: string]: PyJson | undefined },
  indent: number | null,
  sortKeys: boolean,
  level: number,
  out: string[],
): void {
  let keys = Object.keys(dict).filter((k) => dict[k] !== undefined);
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  if (sortKeys) keys = keys.sort(compareCodePoints);
  const [open, sep, close] = separators(indent, level);
  out.push("{", open);
  keys.forEach((k, i) => {
    if (i > 0) out.push(sep);
    out.push(pyStr(k), ": ");
    encode(dict[k] as PyJson, indent, sortKeys, level + 1, out);
  });
  out.push(close, "}");
}

/** Python's default separators: `(', ', ': ')` without indent, `(',', ': ')` with it. */
function separators(indent: number | null, level: number): [string, string, string] {
  if (indent === null) return ["", ", ", ""];
  const inner = `\n${" ".repeat(indent * (level + 1))}`;
  return [inner, `,${inner}`, `\n${" ".repeat(indent * level)}`];
}

/** Python sorts str keys by code point; JS `sort()` compares UTF-16 units (differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/** `py_encode_basestring_ascii`: everything outside space..`~` is escaped, `\uXXXX` lower-case hex, UTF-16 pairs. */
export function pyStr(s: string): string {
  if (!/[^\x20-\x7e]|["\\]/.test(s)) return `"${s}"`;
  let r = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && ch !== '"' && ch !== "\\") r += ch;
    else r += SHORT_ESCAPES[ch] ?? `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return `${r}"`;
}

/** `float.__repr__` (shortest round-trip digits, exponent form when decpt <= -4 or > 16), json's NaN/Infinity. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mant, expStr] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expStr);
  const decpt = exp + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${sign}${frac}e${exp < 0 ? "-" : "+"}${e < 10 ? `0${e}` : e}`;
}
