import { describe, expect, it } from "vitest";
import { CinderError } from "../errors/cinder-errors.ts";
import { compareVersions, parseApiVersion, requestedVersion, versionString } from "./api-version-request.ts";

const MAX = { major: 3, minor: 70 };

function errorOf(f: () => unknown): { kind: string; httpCode: number; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof CinderError) return { kind: e.kind, httpCode: e.httpCode, message: e.message };
    throw e;
  }
  throw new Error("no error");
}

describe("APIVersionRequest (api_version_request.py, wsgi.py:set_api_version_request)", () => {
  it("parses MajorNum.MinorNum with cinder's regex ^([1-9]\\d*)\\.([1-9]\\d*|0)$", () => {
    expect(parseApiVersion("3.0")).toEqual({ major: 3, minor: 0 });
    expect(parseApiVersion("3.70")).toEqual({ major: 3, minor: 70 });
    expect(versionString(parseApiVersion("10.100"))).toBe("10.100");
  });

  it.each(["3.01", "03.1", "0.1", " 3.1", "3.1 ", "3", "3.", ".1", "3.1.2", "v3.1", "latest", ""])(
    "refuses %j with InvalidAPIVersionString (400)",
    (s) => {
      expect(errorOf(() => parseApiVersion(s))).toEqual({
        kind: "InvalidAPIVersionString",
        httpCode: 400,
        message: `API Version String ${s} is of invalid format. Must be of format MajorNum.MinorNum.`,
      });
    },
  );

  it("orders by (major, minor)", () => {
    expect(compareVersions({ major: 3, minor: 9 }, { major: 3, minor: 10 })).toBeLessThan(0);
    expect(compareVersions({ major: 4, minor: 0 }, { major: 3, minor: 71 })).toBeGreaterThan(0);
    expect(compareVersions(MAX, { major: 3, minor: 70 })).toBe(0);
  });

  it("`latest` is the release maximum; versions outside [3.0, max] are InvalidGlobalAPIVersion (406)", () => {
    expect(requestedVersion("latest", MAX)).toBe(MAX);
    expect(requestedVersion("3.0", MAX)).toEqual({ major: 3, minor: 0 });
    expect(requestedVersion("3.70", MAX)).toEqual(MAX);
    expect(errorOf(() => requestedVersion("3.71", MAX))).toEqual({
      kind: "InvalidGlobalAPIVersion",
      httpCode: 406,
      message: "Version 3.71 is not supported by the API. Minimum is 3.0 and maximum is 3.70.",
    });
    expect(errorOf(() => requestedVersion("2.9", MAX)).httpCode).toBe(406);
    expect(errorOf(() => requestedVersion("3.07", MAX)).kind).toBe("InvalidAPIVersionString");
  });
});
