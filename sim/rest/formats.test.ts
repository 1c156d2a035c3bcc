import { describe, expect, it } from "vitest";
import { base64Padding, isUuidLike, pyTruthy } from "./formats.ts";

describe("cinder's format checkers", () => {
  it("base64 padding as CPython's non-strict binascii decides it (checked with Python 3.11)", () => {
    const python: Record<string, "ok" | "bad"> = {
      "Ix9C=w0": "bad",
      "=aA$=": "bad",
      "ab==": "ok",
      "abc=": "ok",
      "ab=c=": "ok",
      abcd: "ok",
      a: "bad",
      ab: "bad",
      abc: "bad",
      YWJj: "ok",
      "YW=Jj": "ok",
    };
    for (const [s, want] of Object.entries(python)) expect(base64Padding(s), s).toBe(want);
  });

  it("uuid-like as oslo_utils.uuidutils: braces, urn:uuid: and missing dashes are fine", () => {
    for (const ok of [
      "12345678-1234-1234-1234-123456789012",
      "{12345678123456781234567812345678}",
      "urn:uuid:12345678-1234-1234-1234-123456789ABC",
    ])
      expect(isUuidLike(ok), ok).toBe(true);
    for (const bad of ["nope", "12345678-1234-1234-1234-12345678901", 5, null]) expect(isUuidLike(bad), String(bad)).toBe(false);
  });

  it("Python truthiness: empty lists and dicts are false", () => {
    expect([[], {}, "", 0, null, false].map(pyTruthy)).toEqual([false, false, false, false, false, false]);
    expect([[0], { a: 1 }, "x", 1, true].map(pyTruthy)).toEqual([true, true, true, true, true]);
  });
});
