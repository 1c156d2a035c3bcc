import { CloudError, type CloudClient } from "../openstack/index.ts";
import { errorMessage, type Resources } from "./resources.ts";
import type { VolumeData } from "./volume-data.ts";

/** What a workflow needs from the target beyond a member user. */
export type Need = "admin" | "operator" | "data";

/** A documented workflow (same id as the simulator's, sim/workflows) ported to REST. */
export interface RemoteWorkflow {
  readonly id: string;
  readonly title: string;
  readonly needs: readonly Need[];
  run(r: RemoteRun): Promise<void>;
}

/** Thrown by a workflow that finds, before it changes anything, that the target lacks what it
 *  needs (no second AZ, no encrypted volume type): the verdict is N/A with this reason, never PASS. */
export class NotApplicable extends Error {
  readonly code = "not-applicable";
}

/** Checks record deviations instead of throwing, like the simulator's WorkflowRun. */
export class RemoteRun {
  readonly checks: string[] = [];
  readonly deviations: { check: string; expected: unknown; actual: unknown }[] = [];
  constructor(
    readonly res: Resources,
    readonly data: VolumeData,
    readonly seed: number,
  ) {}

  expect(check: string, actual: unknown, expected: unknown): void {
    this.checks.push(check);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) this.deviations.push({ check, expected, actual });
  }

  /** Expects the call to answer `httpCode` with cinder's exact message. */
  async expectError(
    check: string,
    method: string,
    path: string,
    body: unknown,
    httpCode: number,
    message: string,
    client: CloudClient = this.res.target.member,
  ): Promise<void> {
    this.checks.push(check);
    const res = await client.call("volume", method, path, { body, step: check });
    const actual = res.status < 300 ? `success ${res.status}` : `${res.status} ${errorMessage(res.body)}`;
    if (actual !== `${httpCode} ${message}`) this.deviations.push({ check, expected: `${httpCode} ${message}`, actual });
  }

  /** A backup run to a final status; returns its id. */
  async backup(label: string, volumeId: string, opts: Record<string, unknown> = {}): Promise<string> {
    const r = await this.res.ok(`create backup ${label}`, "POST", "/backups", {
      backup: { volume_id: volumeId, name: this.res.name(label), ...opts },
    });
    const id = this.res.track("backups", (r.body as { backup: { id: string } }).backup.id);
    await this.res.waitFor("backups", id, ["available", "error"]);
    return id;
  }

  /** POST /backups/{id}/restore; waits for the backup and the target volume to settle. */
  async restore(
    backupId: string,
    body: Record<string, unknown> = {},
    client: CloudClient = this.res.target.member,
  ): Promise<{ volume_id: string; status: string }> {
    const r = await this.res.ok(`restore backup ${backupId}`, "POST", `/backups/${backupId}/restore`, { restore: body }, client);
    const volumeId = (r.body as { restore: { volume_id: string } }).restore.volume_id;
    if (!body.volume_id) this.res.track("volumes", volumeId);
    await this.res.waitFor("backups", backupId, ["available", "error"], client);
    const vol = await this.res.waitFor("volumes", volumeId, ["available", "error_restoring", "error"], client);
    return { volume_id: volumeId, status: vol?.status ?? "gone" };
  }

  /** Deletes a volume the run no longer needs (a checked restore) and waits until it is gone, so a
   *  small backend (the bundled cloud's in-memory Ceph) does not hold every restore at once. */
  async discard(volumeId: string, client: CloudClient = this.res.target.admin ?? this.res.target.member): Promise<void> {
    await this.res.ok(`delete volume ${volumeId}`, "DELETE", `/volumes/${volumeId}`, undefined, client);
    await this.res.waitFor("volumes", volumeId, ["deleted", "error_deleting"], client);
  }

  async quotaInUse(resource: string, client: CloudClient = this.res.target.member): Promise<number | undefined> {
    const r = await this.res.ok("quota usage", "GET", `/os-quota-sets/${client.projectId}?usage=true`, undefined, client);
    return (r.body as { quota_set: Record<string, { in_use?: number }> }).quota_set[resource]?.in_use;
  }

  /** Lets `ms` of the target's time pass: virtual time on a simulated cloud, a real wait elsewhere. */
  async elapse(ms: number): Promise<void> {
    const op = this.res.target.operator;
    if (op?.advanceTime) await op.advanceTime(ms);
    else await new Promise((r) => setTimeout(r, ms));
  }

  /** The operator facet, or N/A: workflows declare `operator` in `needs`, so this only guards. */
  get operator(): NonNullable<Resources["target"]["operator"]> {
    return this.res.target.operator ?? this.notApplicable("no operator actions (the bundled cloud, or cbh serve with --admin-cloud)");
  }

  get admin(): CloudClient {
    return this.res.target.admin ?? this.notApplicable("no admin credentials (--admin-cloud)");
  }

  notApplicable(reason: string): never {
    throw new NotApplicable(reason);
  }

  fail(msg: string): never {
    throw new CloudError("http", this.res.target.name, msg);
  }
}
