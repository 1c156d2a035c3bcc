/**
 * Python's `repr()` and `str()` of JSON values, as cinder's validation messages print them
 * (`api/validation/validators.py:_SchemaValidator.validate` formats `%r`/`%s` of the instance).
 */

/** `str.isprintable()` for one code point (CPython: not Cc/Cf/Cs/Co/Cn/Zl/Zp/Zs, space allowed). */
function isPrintable(ch: string): boolean {
  if (ch === " ") return true;
  return !/[\p{C}\p{Z}]/u.test(ch);
}

export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (!isPrintable(ch)) {
      if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

/** CPython's `float.__repr__` ('r' format): shortest digits, exponent when < 1e-4 or ≥ 1e16. */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const [mant = "", expText = "0"] = n.toExponential().split("e");
  const sign = mant.startsWith("-") ? "-" : "";
  const digits = mant.replace("-", "").replace(".", "");
  const exp = Number(expText);
  const decpt = exp + 1;
  if (decpt <= -4 || decpt > 16) {
    const frac = digits.slice(1);
    return `${sign}${digits[0]}${frac ? "." + frac : ""}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** A number not from the body: Python int if integral, else float. */
function reprNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 53) return String(n);
  if (Number.isInteger(n) && Number.isFinite(n)) return BigInt(n).toString();
  return pyFloatRepr(n);
}

/** The body's number literals by path (see number-literals.ts) and where the value sits. */
export interface LiteralContext {
  numbers: ReadonlyMap<string, string>;
  path: ReadonlyArray<string | number>;
}

const under = (lc: LiteralContext | undefined, k: string | number): LiteralContext | undefined =>
  lc ? { numbers: lc.numbers, path: [...lc.path, k] } : undefined;

export function pyRepr(v: unknown, lc?: LiteralContext): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") {
    const literal = lc?.numbers.get(lc.path.join("\u0000"));
    if (literal === undefined) return reprNumber(v);
    if (/[.eE]/.test(literal)) return pyFloatRepr(v);
    return literal === "-0" ? "0" : literal;
  }
  if (typeof v === "string") return reprString(v);
  if (Array.isArray(v)) return "[" + v.map((x, i) => pyRepr(x, under(lc, i))).join(", ") + "]";
  if (typeof v === "object") {
    return (
      "{" +
      Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${reprString(k)}: ${pyRepr(x, under(lc, k))}`)
        .join(", ") +
      "}"
    );
  }
  return String(v);
}

/** `str(value)`: strings print bare, everything else as repr. */
export function pyStr(v: unknown, lc?: LiteralContext): string {
  return typeof v === "string" ? v : pyRepr(v, lc);
}
