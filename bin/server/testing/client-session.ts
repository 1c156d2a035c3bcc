import { existsSync } from "node:fs";
import { clientEnv, runClient, startServeProcess, type ClientResult, type Credentials, type ServeProcess } from "./client-runner.ts";
import { parseList, parseProperties } from "./cli-tables.ts";

export const OPENSTACK = "/usr/bin/openstack";
export const CINDER = "/usr/bin/cinder";

/** Fails loudly (never skips) when the Debian clients are missing: `.ci/run` installs them. */
export function requireClients(): void {
  const missing = [OPENSTACK, CINDER].filter((b) => !existsSync(b));
  if (missing.length)
    throw new Error(`missing ${missing.join(", ")}: apt-get install -y python3-openstackclient python3-cinderclient (see .ci/run)`);
}

const DEMO: Credentials = { user: "demo" };
const ADMIN: Credentials = { user: "admin" };

/** A running `cbh serve` plus the real clients and the `/sim/v1` API, as the tests use them. */
export class ClientSession {
  #adminToken = "";

  private constructor(readonly serve: ServeProcess) {}

  static async start(args: string[] = []): Promise<ClientSession> {
    requireClients();
    return new ClientSession(await startServeProcess(args));
  }

  get url(): string {
    return this.serve.url;
  }

  stop(): Promise<number | null> {
    return this.serve.stop();
  }

  cinder(args: string[], who: Credentials = DEMO): Promise<ClientResult> {
    return runClient(CINDER, args, clientEnv(this.url, who));
  }

  openstack(args: string[], who: Credentials = DEMO): Promise<ClientResult> {
    return runClient(OPENSTACK, args, clientEnv(this.url, who));
  }

  /** `openstack …` authenticating with an existing token (`--os-auth-type token`), no password. */
  openstackWithToken(token: string, projectId: string, args: string[]): Promise<ClientResult> {
    const env = clientEnv(this.url, DEMO);
    for (const k of ["OS_USERNAME", "OS_PASSWORD", "OS_USER_DOMAIN_NAME", "OS_PROJECT_NAME", "OS_PROJECT_DOMAIN_NAME"]) delete env[k];
    return runClient(OPENSTACK, ["--os-auth-type", "token", "--os-token", token, "--os-project-id", projectId, ...args], env);
  }

  /** `cinder …` that must succeed; returns its Property/Value table. */
  async cinderShow(args: string[], who: Credentials = DEMO): Promise<Record<string, string>> {
    return parseProperties(ok(await this.cinder(args, who), `cinder ${args.join(" ")}`));
  }

  async cinderList(args: string[], who: Credentials = DEMO): Promise<Array<Record<string, string>>> {
    return parseList(ok(await this.cinder(args, who), `cinder ${args.join(" ")}`));
  }

  /** `openstack … -f json` that must succeed. */
  async osc<T = Record<string, unknown>>(args: string[], who: Credentials = DEMO): Promise<T> {
    return JSON.parse(ok(await this.openstack([...args, "-f", "json"], who), `openstack ${args.join(" ")}`)) as T;
  }

  async #token(): Promise<string> {
    if (this.#adminToken) return this.#adminToken;
    const res = await fetch(`${this.url}/identity/v3/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: { methods: ["password"], password: { user: { name: "admin", domain: { name: "Default" }, password: "admin" } } },
          scope: { project: { name: "admin", domain: { name: "Default" } } },
        },
      }),
    });
    this.#adminToken = res.headers.get("x-subject-token") ?? "";
    if (res.status !== 201 || !this.#adminToken) throw new Error(`admin token: ${res.status}`);
    return this.#adminToken;
  }

  async sim(method: string, path: string, body?: string | Uint8Array): Promise<{ status: number; json: unknown; text: string }> {
    const res = await fetch(`${this.url}/sim/v1${path}`, {
      method,
      headers: { "X-Auth-Token": await this.#token() },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }

  async write(volumeId: string, offset: number, data: Uint8Array): Promise<void> {
    const r = await this.sim("PUT", `/volumes/${volumeId}/data?offset=${offset}`, data);
    if (r.status !== 200) throw new Error(`write ${volumeId}: ${r.status} ${r.text}`);
  }

  async sha256(volumeId: string): Promise<{ sha256: string; size: number }> {
    const r = await this.sim("GET", `/volumes/${volumeId}/sha256`);
    if (r.status !== 200) throw new Error(`sha256 ${volumeId}: ${r.status} ${r.text}`);
    return r.json as { sha256: string; size: number };
  }

  /** Polls `cinder backup-show` (as `who`) until `done` holds or `timeoutMs` passes. */
  async waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (done(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export function ok(r: ClientResult, what: string): string {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

export { ADMIN, DEMO };
