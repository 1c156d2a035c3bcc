import { findProject, findUser, type Directory, type NamedRef, type Project, type User } from "./directory.ts";
import { tokenIssueSchemaError } from "./token-issue-schema.ts";
import type { TokenStore } from "./token-store.ts";

/** Why an auth request failed: `malformed` → 400, `unauthorized` → 401. */
export class AuthFailure extends Error {
  constructor(
    readonly kind: "malformed" | "unauthorized",
    message: string,
  ) {
    super(message);
    this.name = "AuthFailure";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function malformed(attr: string, target: string): AuthFailure {
  // keystone/common/validation: "Expecting to find %(attribute)s in %(target)s."
  return new AuthFailure(
    "malformed",
    `Expecting to find ${attr} in ${target}. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
  );
}

/**
 * Resolves `POST /v3/auth/tokens` (`keystone/auth/core.py`): the `password` method (user by id, or
 * by name within a domain) or the `token` method, and a project scope (by id, or by name within a
 * domain). Unscoped, domain- or system-scoped requests are refused: this server only issues
 * project tokens, which is what the clients need.
 */
export function authenticate(dir: Directory, tokens: TokenStore, body: unknown): { user: User; project: Project; methods: string[] } {
  if (!isObject(body) || !isObject(body["auth"])) throw malformed("auth", "request body");
  const auth = body["auth"];
  // keystone/api/auth.py: validate_issue_token_auth(auth) before any lookup (keystone/auth/schema.py)
  const schemaError = tokenIssueSchemaError(auth);
  if (schemaError) throw new AuthFailure("malformed", schemaError);
  const identity = auth["identity"];
  if (!isObject(identity)) throw malformed("identity", "auth");
  const methods = identity["methods"];
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === "string"))
    throw malformed("methods", "identity");
  let user: User | undefined;
  if (methods.includes("password")) {
    const pw = identity["password"];
    if (!isObject(pw) || !isObject(pw["user"])) throw malformed("user", "password");
    const u = pw["user"];
    user = findUser(dir, u as NamedRef);
    if (!user || user.password === null || typeof u["password"] !== "string" || u["password"] !== user.password)
      throw new AuthFailure("unauthorized", "bad credentials");
  } else if (methods.includes("token")) {
    const tok = identity["token"];
    if (!isObject(tok) || typeof tok["id"] !== "string") throw malformed("id", "token");
    user = tokens.validate(tok["id"])?.user;
    if (!user) throw new AuthFailure("unauthorized", "bad token");
  } else {
    throw new AuthFailure("unauthorized", "unsupported auth method");
  }
  const scope = auth["scope"];
  if (!isObject(scope) || !isObject(scope["project"])) throw new AuthFailure("unauthorized", "only project-scoped tokens are issued");
  const project = findProject(dir, scope["project"] as NamedRef);
  // Disabled users and projects cannot authenticate (keystone: 401).
  if (user.enabled === false) throw new AuthFailure("unauthorized", "user disabled");
  if (!project || project.enabled === false || !user.roles[project.id]?.length)
    throw new AuthFailure("unauthorized", "no role on the project");
  return { user, project, methods: methods.includes("password") ? ["password"] : ["token"] };
}
