import { CloudError, type CloudClient, type HttpResponse } from "../openstack/index.ts";
import type { RemoteTarget } from "./target.ts";

export type Kind = "volumes" | "backups" | "snapshots";
type Row = Record<string, unknown> & { id: string; status: string };

/** Everything a run created on the target, deleted (children first) by `cleanup()`. */
export class Resources {
  readonly created: { kind: Kind; id: string }[] = [];
  /** Images this run uploaded to the Image API (deleted last by `cleanup()`). */
  readonly images: string[] = [];
  constructor(readonly target: RemoteTarget) {}

  name(label: string): string {
    return `${this.target.runId}-${label}`;
  }

  /** A call that must succeed (2xx); anything else is a CloudError naming the step. */
  async ok(step: string, method: string, path: string, body?: unknown, client: CloudClient = this.target.member): Promise<HttpResponse> {
    const res = await client.call("volume", method, path, { body, step });
    if (res.status >= 300)
      throw new CloudError("http", this.target.name, `${step}: HTTP ${res.status} ${errorMessage(res.body)}`, res.status, res.body);
    return res;
  }

  async get(kind: Kind, id: string, client: CloudClient = this.target.member): Promise<Row | undefined> {
    const res = await client.call("volume", "GET", `/${kind}/${id}`, { step: `show ${kind} ${id}` });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new CloudError("http", this.target.name, `show ${kind} ${id}: HTTP ${res.status}`, res.status, res.body);
    return (res.body as Record<string, Row>)[kind.slice(0, -1)];
  }

  /** Polls until the resource reaches one of `statuses` (or is gone, for "deleted"). */
  async waitFor(kind: Kind, id: string, statuses: readonly string[], client?: CloudClient): Promise<Row | undefined> {
    const deadline = Date.now() + (this.target.timeoutMs ?? 300_000);
    let last: Row | undefined;
    for (;;) {
      last = await this.get(kind, id, client);
      if (!last && statuses.includes("deleted")) return undefined;
      if (last && statuses.includes(last.status)) return last;
      if (Date.now() > deadline) {
        throw new CloudError(
          "timeout",
          this.target.name,
          `${kind} ${id} did not reach ${statuses.join("|")} (last: ${last?.status ?? "gone"})`,
        );
      }
      await this.pause();
    }
  }

  /** One polling interval: a short step of virtual time on a simulated cloud (so the polls see
   *  work in flight, as on a real cloud), `pollMs` of real time elsewhere. */
  async pause(): Promise<void> {
    const op = this.target.operator;
    if (op?.advanceTime) await op.advanceTime(this.target.pollMs ?? 10);
    else await new Promise((r) => setTimeout(r, this.target.pollMs ?? 500));
  }

  track(kind: Kind, id: string): string {
    this.created.push({ kind, id });
    return id;
  }

  /** Deletes what this run created: backups (newest first), snapshots, then volumes. Errors are
   *  collected, not thrown, so one stuck resource does not keep the others. */
  async cleanup(): Promise<string[]> {
    const problems: string[] = [];
    const client = this.target.admin ?? this.target.member;
    for (const kind of ["backups", "snapshots", "volumes"] as const) {
      for (const r of [...this.created].reverse().filter((c) => c.kind === kind)) {
        try {
          const row = await this.get(kind, r.id, client);
          if (!row) continue;
          if (!/^(available|error|error_restoring|in-use)$/.test(row.status)) {
            await this.waitFor(kind, r.id, ["available", "error", "error_restoring", "in-use", "deleted"], client).catch(() => undefined);
          }
          const res = await client.call("volume", "DELETE", `/${kind}/${r.id}`, { step: `cleanup ${kind} ${r.id}` });
          if (res.status >= 300 && res.status !== 404) problems.push(`${kind} ${r.id}: HTTP ${res.status} ${errorMessage(res.body)}`);
          else await this.waitFor(kind, r.id, ["deleted", "error_deleting"], client).catch((e: Error) => problems.push(e.message));
        } catch (e) {
          problems.push(`${kind} ${r.id}: ${(e as Error).message}`);
        }
      }
    }
    for (const id of this.images) {
      const res = await this.target.member
        .call("image", "DELETE", `/v2/images/${id}`, { step: `cleanup image ${id}` })
        .catch((e: Error) => e);
      if (res instanceof Error) problems.push(`image ${id}: ${res.message}`);
      else if (res.status >= 300 && res.status !== 404) problems.push(`image ${id}: HTTP ${res.status}`);
    }
    return problems;
  }
}

/** cinder's fault body: {"badRequest": {"code": 400, "message": "..."}} (cinder.api.openstack.wsgi.Fault). */
export function errorMessage(body: unknown): string {
  if (body && typeof body === "object") {
    const inner = Object.values(body as Record<string, unknown>)[0] as { message?: unknown } | undefined;
    if (inner && typeof inner.message === "string") return inner.message;
  }
  return typeof body === "string" ? body.slice(0, 300) : "";
}
