import { describe, expect, it } from "vitest";
import { pyFloatRepr, pyRepr, pyStr } from "./py-repr.ts";

describe("Python repr/str of JSON values (validation messages)", () => {
  it("quotes like CPython: single by default, double when only a single quote is inside", () => {
    expect(pyRepr("abc")).toBe("'abc'");
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr(`both ' and "`)).toBe(`'both \\' and "'`);
    expect(pyRepr("a\\b\n\t\r")).toBe("'a\\\\b\\n\\t\\r'");
  });

  it("escapes what str.isprintable rejects (\\x, \\u, \\U) and keeps printable non-ASCII", () => {
    expect(pyRepr("\u0007\u00a0\u200b\u{e0001}é")).toBe("'\\x07\\xa0\\u200b\\U000e0001é'");
  });

  it("prints None/True/False, lists, dicts and floats as Python does", () => {
    expect(pyRepr({ a: [1, null, true, false, 1.5], "b'": {} })).toBe(`{'a': [1, None, True, False, 1.5], "b'": {}}`);
    expect(pyRepr(1e21)).toBe("1000000000000000000000");
    expect(pyFloatRepr(1e21)).toBe("1e+21");
    expect(pyRepr(2, { numbers: new Map([["", "2.0"]]), path: [] })).toBe("2.0");
    expect(pyRepr(123456789012345680000, { numbers: new Map([["", "123456789012345678901"]]), path: [] })).toBe("123456789012345678901");
    for (const [n, py] of [
      [4.614365489144211e-5, "4.614365489144211e-05"],
      [0.0001, "0.0001"],
      [1e16, "1e+16"],
      [1e15, "1000000000000000.0"],
      [-1.5e-7, "-1.5e-07"],
      [123.456, "123.456"],
      [2.5e100, "2.5e+100"],
    ] as const) {
      expect(pyFloatRepr(n)).toBe(py);
    }
    expect(pyStr("bare")).toBe("bare");
    expect(pyStr(["x"])).toBe("['x']");
  });
});
