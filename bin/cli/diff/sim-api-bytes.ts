import { CloudError, type CloudConfig } from "../../../lib/openstack/index.ts";
import type { VolumeBytes } from "../../../lib/diff/index.ts";

/**
 * Volume bytes of a `cbh serve` cloud through its simulator API (`/sim/v1/volumes/{id}/data`
 * and `/sha256`, admin token): the simulator side of `cbh diff`, and a target that is itself a
 * `cbh serve` (`--target-sim-api`).
 */
export class SimApiBytes implements VolumeBytes {
  #token: string | undefined;

  constructor(
    private readonly base: string,
    private readonly admin: CloudConfig,
  ) {}

  /** The server's base URL from a Keystone URL (`…/identity/v3`). */
  static baseOf(authUrl: string): string {
    return authUrl.replace(/\/identity(\/v3)?\/?$/, "");
  }

  async writeVolume(volumeId: string, data: Uint8Array, offset = 0): Promise<void> {
    const r = await this.send("PUT", `/sim/v1/volumes/${volumeId}/data?offset=${offset}`, data);
    if (r.status !== 200)
      throw new CloudError("http", this.admin.name, `write volume ${volumeId}: HTTP ${r.status} ${await r.text()}`, r.status);
  }

  async volumeSha256(volumeId: string): Promise<string> {
    const r = await this.send("GET", `/sim/v1/volumes/${volumeId}/sha256`);
    if (r.status !== 200)
      throw new CloudError("http", this.admin.name, `read volume ${volumeId}: HTTP ${r.status} ${await r.text()}`, r.status);
    return ((await r.json()) as { sha256: string }).sha256;
  }

  private async send(method: string, path: string, body?: Uint8Array): Promise<Response> {
    const token = await this.token();
    try {
      return await fetch(`${this.base}${path}`, {
        method,
        headers: { "x-auth-token": token, ...(body ? { "content-type": "application/octet-stream" } : {}) },
        ...(body ? { body } : {}),
      });
    } catch (e) {
      throw new CloudError("unreachable", this.admin.name, `${method} ${path}: ${(e as Error).message}`);
    }
  }

  private async token(): Promise<string> {
    if (this.#token) return this.#token;
    const a = this.admin;
    const r = await fetch(`${a.authUrl.replace(/\/+$/, "")}/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: a.username, domain: { name: a.userDomainName }, password: a.password } },
          },
          scope: { project: { name: a.projectName, domain: { name: a.projectDomainName } } },
        },
      }),
    }).catch((e: Error) => {
      throw new CloudError("unreachable", a.name, `simulator API login: ${e.message}`);
    });
    const t = r.headers.get("x-subject-token");
    if (r.status !== 201 || !t) throw new CloudError("auth", a.name, `simulator API login as ${a.username}: HTTP ${r.status}`);
    this.#token = t;
    return t;
  }
}
