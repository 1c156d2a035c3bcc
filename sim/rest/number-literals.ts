/**
 * Python's `json.loads` keeps `1.0` a float (not a Draft-4 `integer`, printed `1.0`) and big
 * integers exact, which `JSON.parse` cannot tell. This scans valid JSON text for its number
 * literals and returns their raw text by path (keys joined by NUL), for the validator and repr.
 */
export type NumberLiterals = ReadonlyMap<string, string>;

export const pathKey = (path: ReadonlyArray<string | number>): string => path.join("\u0000");

export const isFloatLiteral = (text: string | undefined): boolean => text !== undefined && /[.eE]/.test(text);

export function numberLiterals(text: string): NumberLiterals {
  const out = new Map<string, string>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
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
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        i++; // ':'
        value([...path, k]);
        ws();
        if (text[i++] === "}") return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value([...path, n]);
        ws();
        if (text[i++] === "]") return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      out.set(pathKey(path), m[0]);
      i += m[0].length;
      return;
    }
    i += text.startsWith("true", i) ? 4 : text.startsWith("false", i) ? 5 : 4; // null
  };
  value([]);
  return out;
}
