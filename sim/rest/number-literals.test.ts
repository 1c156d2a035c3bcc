import { describe, expect, it } from "vitest";
import { numberLiterals, pathKey } from "./number-literals.ts";
import { createRestHandler } from "./handler.ts";
import { ADMIN, createFakeCloud, restClient } from "./testing/index.ts";

describe("float literals (Python keeps 1.0 a float)", () => {
  it("records every number literal's raw text by path", () => {
    const lits = numberLiterals('{"a": 1, "b": [2.0, 3, {"c": 1e3, "d\\"x": -0.5}], "e": "1.0", "f": 123456789012345678901}');
    expect([...lits.entries()]).toEqual([
      [pathKey(["a"]), "1"],
      [pathKey(["b", 0]), "2.0"],
      [pathKey(["b", 1]), "3"],
      [pathKey(["b", 2, "c"]), "1e3"],
      [pathKey(["b", 2, 'd"x']), "-0.5"],
      [pathKey(["f"]), "123456789012345678901"],
    ]);
  });

  it("1.0 is not an integer for the schema and prints as 1.0; quota 5.0 is not an integer", async () => {
    const call = restClient(createRestHandler(createFakeCloud()));
    expect((await call("POST", "volumes", { raw: '{"volume": {"size": 1.0}}' })).body).toEqual({
      badRequest: {
        code: 400,
        message: "Invalid input for field/attribute size. Value: 1.0. 1.0 is not of type 'integer', 'string', 'null'",
      },
    });
    expect((await call("POST", "volumes", { raw: '{"volume": {"size": 1}}' })).status).toBe(202);
    expect((await call("POST", "backups", { raw: '{"backup": {"volume_id": 2.0}}' })).body).toEqual({
      badRequest: { code: 400, message: "Invalid input for field/attribute volume_id. Value: 2.0. 2.0 is not of type 'string'" },
    });
    expect((await call("POST", "backups", { raw: '{"backup": {"size": 2.0}}' })).body).toEqual({
      badRequest: {
        code: 400,
        message: "Invalid input for field/attribute backup. Value: {'size': 2.0}. 'volume_id' is a required property",
      },
    });
    expect((await call("PUT", "/v3/admin/os-quota-sets/demo", { auth: ADMIN, raw: '{"quota_set": {"backups": 5.0}}' })).body).toEqual({
      badRequest: { code: 400, message: "backups must be an integer" },
    });
  });
});
