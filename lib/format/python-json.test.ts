import { describe, expect, it } from "vitest";
import { PyFloat, compareCodePoints, pyFloatRepr, pyStr, pythonJsonDumps } from "./python-json.ts";

describe("pythonJsonDumps", () => {
  it("formats floats like Python repr (values printed by CPython 3.11 json.dumps)", () => {
    const values = [1.0, 0.1, 1e16, 1e15, 123456789012345680.0, 1e-5, 0.0001, -0.0, 5e-324, 1.7976931348623157e308, 2.5e-7, 12345.678];
    expect(pythonJsonDumps(values.map((v) => new PyFloat(v)))).toBe(
      "[1.0, 0.1, 1e+16, 1000000000000000.0, 1.2345678901234568e+17, 1e-05, 0.0001, -0.0, 5e-324, 1.7976931348623157e+308, 2.5e-07, 12345.678]",
    );
    expect(pyFloatRepr(NaN)).toBe("NaN");
    expect(pyFloatRepr(-Infinity)).toBe("-Infinity");
    expect(pythonJsonDumps([1, 2n ** 70n, 0.5])).toBe("[1, 1180591620717411303424, 0.5]");
  });

  it("escapes like ensure_ascii: short escapes, lower-case \\u, surrogate pairs, DEL", () => {
    expect(pyStr('a"b\\c\n\r\t\b\f\x01\x7f é ☃ 😀')).toBe('"a\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f \\u00e9 \\u2603 \\ud83d\\ude00"');
  });

  it("indent=2 layout with ',' + newline, ': ', empty containers inline", () => {
    expect(pythonJsonDumps({ b: [], a: {}, c: [1, { z: null, y: true }] }, { sortKeys: true, indent: 2 })).toBe(
      '{\n  "a": {},\n  "b": [],\n  "c": [\n    1,\n    {\n      "y": true,\n      "z": null\n    }\n  ]\n}',
    );
    expect(pythonJsonDumps({ b: 1, a: [1, 2] })).toBe('{"b": 1, "a": [1, 2]}');
  });

  it("sorts keys by code point (astral after BMP private use)", () => {
    expect(["\u{10000}", "\uffff", "a"].sort(compareCodePoints)).toEqual(["a", "\uffff", "\u{10000}"]);
    expect(pythonJsonDumps({ "\u{10000}": 1, "\uffff": 2 }, { sortKeys: true })).toBe('{"\\uffff": 2, "\\ud800\\udc00": 1}');
  });
});
