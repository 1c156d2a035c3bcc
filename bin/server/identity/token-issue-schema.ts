import { pythonRepr } from "./python-repr.ts";

/**
 * The type checks of keystone's `token_issue` schema (`keystone/auth/schema.py`, keystone 22 of
 * Zed; applied to `auth` by `validate_issue_token_auth` before any credential is looked at):
 * `identity.methods` a list of strings, the password user's `id`, `name`, `password` and domain
 * `id`/`name` strings, `token.id` a string, the project scope's `id`/`name`/domain strings. A value
 * of another type is `SchemaValidationError` (400) — e.g. a numeric password is refused as
 * malformed, never compared as a wrong password (401).
 *
 * The message is jsonschema's first error (the schema's property order), as
 * `keystone/common/validation/validators.py:SchemaValidator.validate` words it: "Invalid input
 * for field 'PATH': REPR is not of type 'T'" followed by the failing sub-schema and instance. For
 * a container of the wrong type (`identity`, `password`, `user`… not an object) and a missing
 * required key only that first line is given: keystone prints the whole sub-schema after it, which
 * this does not reproduce.
 */
type Node =
  | { type: "string" }
  | { type: "array"; items: Node }
  | { type: "object"; properties: ReadonlyArray<readonly [string, Node]>; required?: readonly string[] };

const str: Node = { type: "string" };
const idName: Node = {
  type: "object",
  properties: [
    ["id", str],
    ["name", str],
  ],
};

/** `token_issue['properties']` (only `identity` and the string leaves of `scope`; order as in keystone). */
const IDENTITY: Node = {
  type: "object",
  properties: [
    ["methods", { type: "array", items: str }],
    [
      "password",
      {
        type: "object",
        properties: [
          [
            "user",
            {
              type: "object",
              properties: [
                ["id", str],
                ["name", str],
                ["password", str],
                ["domain", idName],
              ],
            },
          ],
        ],
      },
    ],
    ["token", { type: "object", properties: [["id", str]], required: ["id"] }],
  ],
  required: ["methods"],
};
const PROJECT: Node = {
  type: "object",
  properties: [
    ["name", str],
    ["id", str],
    ["domain", idName],
  ],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The first schema error of `auth` (keystone's detail text), or undefined when it validates. */
export function tokenIssueSchemaError(auth: Record<string, unknown>): string | undefined {
  if ("identity" in auth) {
    const e = check(auth["identity"], IDENTITY, ["identity"], ["properties", "identity"]);
    if (e) return e;
  }
  const scope = auth["scope"];
  if (isObject(scope)) {
    // 'scope' is ['object', 'string']; its project and domain are objects of strings
    for (const [key, node] of [
      ["project", PROJECT],
      ["domain", idName],
    ] as const) {
      if (!(key in scope)) continue;
      const e = check(scope[key], node, ["scope", key], ["properties", "scope", "properties", key]);
      if (e) return e;
    }
  }
  return undefined;
}

function check(v: unknown, node: Node, path: Array<string | number>, schemaPath: Array<string | number>): string | undefined {
  const typeOk = node.type === "string" ? typeof v === "string" : node.type === "array" ? Array.isArray(v) : isObject(v);
  if (!typeOk) return typeError(v, node, path, schemaPath);
  if (node.type === "array" && Array.isArray(v)) {
    for (const [i, item] of v.entries()) {
      const e = check(item, node.items, [...path, i], [...schemaPath, "items"]);
      if (e) return e;
    }
  }
  if (node.type === "object" && isObject(v)) {
    for (const [key, child] of node.properties) {
      if (!(key in v)) continue;
      const e = check(v[key], child, [...path, key], [...schemaPath, "properties", key]);
      if (e) return e;
    }
    const missing = node.required?.find((k) => !(k in v));
    if (missing) return `Invalid input for field '${path.join("/")}': '${missing}' is a required property`;
  }
  return undefined;
}

function typeError(v: unknown, node: Node, path: Array<string | number>, schemaPath: Array<string | number>): string {
  const head = `Invalid input for field '${path.join("/")}': ${pythonRepr(v)} is not of type '${node.type}'`;
  // pprint of the failing sub-schema: given for the leaves, whose dump is one short line
  const dump =
    node.type === "string" ? "{'type': 'string'}" : node.type === "array" ? "{'items': {'type': 'string'}, 'type': 'array'}" : undefined;
  if (!dump) return head;
  const index = (p: Array<string | number>) => p.map((k) => `[${typeof k === "number" ? k : pythonRepr(k)}]`).join("");
  return `${head}\n\nFailed validating 'type' in schema${index(schemaPath)}:\n    ${dump}\n\nOn instance${index(path)}:\n    ${pythonRepr(v)}`;
}
