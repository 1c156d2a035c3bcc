import { CloudError, type CloudClient } from "../openstack/index.ts";
import type { TargetOperator } from "./target.ts";

/**
 * The operator facet of a `cbh serve` cloud, through its simulator API (`/sim/v1`, admin token):
 * service stop/start and database loss as faults, device bytes read and written directly, and
 * virtual time advanced on request. The bundled real cloud's equivalent is `CinderOperator`.
 */
export class SimApiOperator implements TargetOperator {
  private constructor(
    private readonly admin: CloudClient,
    private readonly base: string,
  ) {}

  /** The facet if `admin`'s cloud answers `/sim/v1` (a `cbh serve`), else undefined. */
  static async probe(admin: CloudClient): Promise<SimApiOperator | undefined> {
    const base = `${admin.cloud.authUrl.replace(/\/+$/, "").replace(/\/identity(\/v3)?$/, "")}/sim/v1`;
    const op = new SimApiOperator(admin, base);
    const res = await op.send("probe the simulator API", "POST", "/time/advance", { seconds: 0 }).catch(() => undefined);
    return res?.status === 200 ? op : undefined;
  }

  async stopService(service: string): Promise<void> {
    for (const host of await this.hosts(service))
      await this.ok(`stop ${service}`, "POST", "/faults", { kind: "service-stop", binary: service, host });
  }

  async startService(service: string): Promise<void> {
    for (const host of await this.hosts(service))
      await this.ok(`start ${service}`, "POST", "/faults", { kind: "service-start", binary: service, host });
  }

  async loseDatabase(): Promise<void> {
    await this.ok("lose database", "POST", "/faults", { kind: "db-loss" });
  }

  async volumeSha256(volumeId: string): Promise<string> {
    const res = await this.ok("read volume", "GET", `/volumes/${encodeURIComponent(volumeId)}/sha256`);
    return ((await res.json()) as { sha256: string }).sha256;
  }

  async writeVolume(volumeId: string, data: Uint8Array, offset = 0): Promise<void> {
    await this.ok("write volume", "PUT", `/volumes/${encodeURIComponent(volumeId)}/data?offset=${offset}`, data);
  }

  async advanceTime(ms: number): Promise<void> {
    await this.ok("advance time", "POST", "/time/advance", { seconds: ms / 1000 });
  }

  /** The hosts running `binary`, from the admin's service list. */
  private async hosts(binary: string): Promise<string[]> {
    const res = await this.admin.call("volume", "GET", `/os-services?binary=${encodeURIComponent(binary)}`, { step: `find ${binary}` });
    const hosts = ((res.body as { services?: { host: string }[] } | undefined)?.services ?? []).map((s) => s.host);
    if (res.status !== 200 || hosts.length === 0)
      throw new CloudError("http", this.admin.cloud.name, `the simulator has no ${binary} service to stop or start (HTTP ${res.status})`);
    return hosts;
  }

  private async ok(step: string, method: string, path: string, body?: unknown): Promise<Response> {
    const res = await this.send(step, method, path, body);
    if (!res.ok)
      throw new CloudError("http", this.admin.cloud.name, `${step}: /sim/v1${path}: HTTP ${res.status} ${await res.text()}`, res.status);
    return res;
  }

  private send(step: string, method: string, path: string, body?: unknown): Promise<Response> {
    const bytes = body instanceof Uint8Array;
    return fetch(`${this.base}${path}`, {
      method,
      headers: {
        "x-auth-token": this.admin.authToken,
        ...(body === undefined ? {} : { "content-type": bytes ? "application/octet-stream" : "application/json" }),
      },
      ...(body === undefined ? {} : { body: bytes ? body : JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    }).catch((e: unknown) => {
      throw new CloudError("http", this.admin.cloud.name, `${step}: ${(e as Error).message}`);
    });
  }
}
