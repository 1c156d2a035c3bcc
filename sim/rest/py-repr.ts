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

function reprNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const s = String(n);
  return s.includes("e") || s.includes(".") ? s : s + ".0";
}

/** Paths (keys joined by NUL) of numbers the client wrote as floats (`1.0`); see float-literals.ts. */
export interface FloatContext {
  floats: ReadonlySet<string>;
  path: ReadonlyArray<string | number>;
}

const under = (fc: FloatContext | undefined, k: string | number): FloatContext | undefined => (fc ? { floats: fc.floats, path: [...fc.path, k] } : undefined);

export function pyRepr(v: unknown, fc?: FloatContext): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") {
    const isFloat = fc !== undefined && fc.floats.has(fc.path.join("\u0000"));
    return isFloat && Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : reprNumber(v);
  }
  if (typeof v === "string") return reprString(v);
  if (Array.isArray(v)) return "[" + v.map((x, i) => pyRepr(x, under(fc, i))).join(", ") + "]";
  if (typeof v === "object") {
    return "{" + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${reprString(k)}: ${pyRepr(x, under(fc, k))}`).join(", ") + "}";
  }
  return String(v);
}

/** `str(value)`: strings print bare, everything else as repr. */
export function pyStr(v: unknown, fc?: FloatContext): string {
  return typeof v === "string" ? v : pyRepr(v, fc);
}
