/**
 * Python's `json.loads` keeps `1.0` a float, which Draft 4 does not count as an `integer` and
 * `repr()` prints as `1.0`; `JSON.parse` cannot tell. This scans valid JSON text for number
 * literals written with a fraction or exponent and returns their paths (keys joined by NUL).
 */
export type FloatPaths = ReadonlySet<string>;

export const pathKey = (path: ReadonlyArray<string | number>): string => path.join("\u0000");

export function floatLiteralPaths(text: string): FloatPaths {
  const out = new Set<string>();
  let i = 0;
  const ws = (): void => { while (i < text.length && " \t\n\r".includes(text[i] as string)) i++; };
  const str = (): string => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: Array<string | number>): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++; ws();
      if (text[i] === "}") { i++; return; }
      for (;;) {
        ws();
        const k = str();
        ws(); i++; // ':'
        value([...path, k]);
        ws();
        if (text[i++] === "}") return;
      }
    }
    if (c === "[") {
      i++; ws();
      if (text[i] === "]") { i++; return; }
      for (let n = 0; ; n++) {
        value([...path, n]);
        ws();
        if (text[i++] === "]") return;
      }
    }
    if (c === '"') { str(); return; }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      if (m[1] !== undefined || m[2] !== undefined) out.add(pathKey(path));
      i += m[0].length;
      return;
    }
    i += text.startsWith("true", i) ? 4 : text.startsWith("false", i) ? 5 : 4; // null
  };
  value([]);
  return out;
}
