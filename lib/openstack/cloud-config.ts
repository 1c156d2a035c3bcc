import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { parse, YAMLParseError } from "yaml";
import { CloudError } from "./errors.ts";

/** What the client needs to log in with Keystone v3 password auth. */
export interface CloudConfig {
  name: string;
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: string;
  projectDomainName: string;
  regionName?: string;
  /** Endpoint interface to pick from the catalog (public by default). */
  interface: string;
}

/** Where openstacksdk looks for clouds.yaml, first hit wins (os-client-config's
 *  CONFIG_FILES: OS_CLIENT_CONFIG_FILE, then the working directory, user, site). */
export function cloudsYamlCandidates(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), home = homedir()): string[] {
  return [env.OS_CLIENT_CONFIG_FILE, join(cwd, "clouds.yaml"), join(home, ".config/openstack/clouds.yaml"), "/etc/openstack/clouds.yaml"]
    .filter((p): p is string => !!p)
    .map((p) => resolve(p));
}

/** The `clouds.NAME` entry of the first clouds.yaml found; a clear error when none has it. */
export function loadCloudsYaml(name: string, candidates = cloudsYamlCandidates()): CloudConfig {
  const found = candidates.filter((p) => existsSync(p));
  const known: string[] = [];
  for (const path of found) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(path, "utf8"));
    } catch (err) {
      // FILE:LINE:COL and the parser's code only: its message quotes the line, which may hold a password.
      if (err instanceof YAMLParseError) {
        const at = err.linePos?.[0];
        throw new CloudError("config", name, `${path}${at ? `:${at.line}:${at.col}` : ""}: not valid YAML (${err.code})`);
      }
      throw new CloudError("config", name, `${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? "error"})`);
    }
    const clouds = (doc as { clouds?: Record<string, unknown> } | null)?.clouds;
    const entry = clouds && typeof clouds === "object" && Object.hasOwn(clouds, name) ? clouds[name] : undefined;
    if (entry !== undefined) return fromEntry(name, entry, path);
    if (clouds && typeof clouds === "object") known.push(...Object.keys(clouds));
  }
  const names = [...new Set(known)];
  throw new CloudError(
    "config",
    name,
    `no such cloud in clouds.yaml (searched: ${candidates.join(", ")}${found.length ? "" : "; none exists"})` +
      (names.length ? `; clouds there: ${names.join(", ")}` : ""),
  );
}

function fromEntry(name: string, entry: unknown, path: string): CloudConfig {
  const e = (entry ?? {}) as Record<string, unknown>;
  const auth = (e.auth ?? {}) as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
  const need = (key: string, v: string | undefined): string => {
    if (!v) throw new CloudError("config", name, `${path}: clouds.${name}.auth.${key} is missing`);
    return v;
  };
  const userDomain = str(auth.user_domain_name) ?? str(auth.domain_name) ?? "Default";
  return {
    name,
    authUrl: need("auth_url", str(auth.auth_url)),
    username: need("username", str(auth.username)),
    password: need("password", str(auth.password)),
    projectName: need("project_name", str(auth.project_name) ?? str(auth.tenant_name)),
    userDomainName: userDomain,
    projectDomainName: str(auth.project_domain_name) ?? str(auth.domain_name) ?? "Default",
    regionName: str(e.region_name),
    interface: str(e.interface) ?? "public",
  };
}

/** The cloud the usual `OS_*` variables describe (openrc), named "envvars" as openstacksdk does. */
export function cloudFromEnvironment(env: NodeJS.ProcessEnv = process.env): CloudConfig {
  const name = "envvars";
  const need = (key: string): string => {
    const v = env[key];
    if (!v) throw new CloudError("config", name, `${key} is not set (give --cloud NAME or the OS_* variables)`);
    return v;
  };
  return {
    name,
    authUrl: need("OS_AUTH_URL"),
    username: need("OS_USERNAME"),
    password: need("OS_PASSWORD"),
    projectName: env.OS_PROJECT_NAME ?? need("OS_TENANT_NAME"),
    userDomainName: env.OS_USER_DOMAIN_NAME ?? env.OS_DOMAIN_NAME ?? "Default",
    projectDomainName: env.OS_PROJECT_DOMAIN_NAME ?? env.OS_DOMAIN_NAME ?? "Default",
    regionName: env.OS_REGION_NAME,
    interface: env.OS_INTERFACE ?? "public",
  };
}

/** `--cloud NAME` if given, else the `OS_*` variables. */
export function resolveCloud(name: string | undefined, env: NodeJS.ProcessEnv = process.env): CloudConfig {
  return name ? loadCloudsYaml(name, cloudsYamlCandidates(env)) : cloudFromEnvironment(env);
}
