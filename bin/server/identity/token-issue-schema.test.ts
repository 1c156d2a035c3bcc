import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../testing/harness.ts";

const pw = (user: Record<string, unknown>, scope?: Record<string, unknown>) => ({
  identity: { methods: ["password"], password: { user } },
  ...(scope ? { scope } : {}),
});
const failed = (field: string, schemaPath: string, instancePath: string, dump: string, repr: string, type = "string") =>
  `Invalid input for field '${field}': ${repr} is not of type '${type}'\n\nFailed validating 'type' in schema${schemaPath}:\n    ${dump}\n\nOn instance${instancePath}:\n    ${repr}`;
const S = "{'type': 'string'}";
const USER = "['properties']['identity']['properties']['password']['properties']['user']['properties']";

// Every expected message is what keystone 22 (Zed, python3-keystone in local/cbh-cinder:ci) answers:
// keystone.auth.schema.validate_issue_token_auth on the same body, str() of its SchemaValidationError.
const CASES: Array<[string, unknown, string]> = [
  [
    "a numeric password",
    pw({ name: "demo", domain: { name: "Default" }, password: 123 }),
    failed("identity/password/user/password", `${USER}['password']`, "['identity']['password']['user']['password']", S, "123"),
  ],
  [
    "a boolean password",
    pw({ name: "demo", domain: { name: "Default" }, password: true }),
    failed("identity/password/user/password", `${USER}['password']`, "['identity']['password']['user']['password']", S, "True"),
  ],
  [
    "a float password",
    pw({ name: "demo", password: 1.5 }),
    failed("identity/password/user/password", `${USER}['password']`, "['identity']['password']['user']['password']", S, "1.5"),
  ],
  [
    "a numeric user name",
    pw({ name: 7, password: "x" }),
    failed("identity/password/user/name", `${USER}['name']`, "['identity']['password']['user']['name']", S, "7"),
  ],
  [
    "a null user domain name",
    pw({ name: "demo", domain: { name: null }, password: "x" }),
    failed(
      "identity/password/user/domain/name",
      `${USER}['domain']['properties']['name']`,
      "['identity']['password']['user']['domain']['name']",
      S,
      "None",
    ),
  ],
  [
    "methods as a string",
    { identity: { methods: "password" } },
    failed(
      "identity/methods",
      "['properties']['identity']['properties']['methods']",
      "['identity']['methods']",
      "{'items': {'type': 'string'}, 'type': 'array'}",
      "'password'",
      "array",
    ),
  ],
  [
    "a numeric method",
    { identity: { methods: ["password", 1] } },
    failed("identity/methods/1", "['properties']['identity']['properties']['methods']['items']", "['identity']['methods'][1]", S, "1"),
  ],
  [
    "a numeric token id",
    { identity: { methods: ["token"], token: { id: 5 } } },
    failed(
      "identity/token/id",
      "['properties']['identity']['properties']['token']['properties']['id']",
      "['identity']['token']['id']",
      S,
      "5",
    ),
  ],
  [
    "a list as the project name",
    pw({ name: "demo", password: "x" }, { project: { name: ["it's"] } }),
    failed(
      "scope/project/name",
      "['properties']['scope']['properties']['project']['properties']['name']",
      "['scope']['project']['name']",
      S,
      `["it's"]`,
    ),
  ],
];

describe("POST /v3/auth/tokens: keystone's token_issue schema (keystone/auth/schema.py)", () => {
  let h: Harness;
  afterEach(async () => h.server.close());

  it.each(CASES)("answers 400 with keystone's schema message for %s", async (_what, auth, message) => {
    h = await startHarness();
    const r = await h.call("POST", "/identity/v3/auth/tokens", { body: JSON.stringify({ auth }) });
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ error: { code: 400, message, title: "Bad Request" } });
  });

  it("still answers 401 for a wrong password that is a string", async () => {
    h = await startHarness();
    const auth = pw(
      { name: "demo", domain: { name: "Default" }, password: "123" },
      { project: { name: "demo", domain: { name: "Default" } } },
    );
    const r = await h.call("POST", "/identity/v3/auth/tokens", { body: JSON.stringify({ auth }) });
    expect(r.status).toBe(401);
  });

  it("a container of the wrong type is 400 naming the field", async () => {
    h = await startHarness();
    const r = await h.call("POST", "/identity/v3/auth/tokens", {
      body: JSON.stringify({ auth: { identity: { methods: ["password"], password: 5 } } }),
    });
    expect(r.status).toBe(400);
    expect((r.json() as { error: { message: string } }).error.message).toBe(
      "Invalid input for field 'identity/password': 5 is not of type 'object'",
    );
  });
});
