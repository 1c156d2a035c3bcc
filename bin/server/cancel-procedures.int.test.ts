import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, ClientSession } from "./testing/client-session.ts";
import { MiB, pattern } from "./testing/test-data.ts";

/**
 * The guide's cancel procedures (3.3 and 3.5.3) need operations still in flight when the admin
 * acts, so `cbh serve` runs with `--time-scale 0.002`: virtual time at 1/500 of wall time, a
 * 10 GB (10 MiB fake) backup or restore then lasts tens of wall seconds. Setup steps jump ahead
 * with `POST /sim/v1/time/advance`.
 */
describe("cancel procedures through the real OpenStack clients", () => {
  let s: ClientSession;
  let volumeId = "";

  const advance = async (seconds: number) => expect((await s.sim("POST", "/time/advance", JSON.stringify({ seconds }))).status).toBe(200);
  const backupStatus = async (id: string) => (await s.osc<{ status: string }>(["volume", "backup", "show", id], ADMIN)).status;
  const volumeStatus = async (id: string) => (await s.osc<{ status: string }>(["volume", "show", id], ADMIN)).status;
  const settleUntil = async (probe: () => Promise<boolean>) => {
    for (let i = 0; i < 20 && !(await probe()); i++) await advance(5);
  };

  beforeAll(async () => {
    s = await ClientSession.start(["--seed", "11", "--time-scale", "0.002", "--geometry", "small"]);
    volumeId = (await s.osc<{ id: string }>(["volume", "create", "--size", "10", "big"])).id;
    await settleUntil(async () => (await volumeStatus(volumeId)) === "available");
    await s.write(volumeId, 0, pattern(5, 10 * MiB));
  });
  afterAll(async () => {
    expect(await s?.stop()).toBe(0);
  });

  it("3.3: `openstack volume backup delete --force` cancels a backup that is still creating", async () => {
    const b = await s.osc<{ id: string }>(["volume", "backup", "create", "--name", "cancel-me", "big"]);
    expect(await backupStatus(b.id)).toBe("creating");
    const del = await s.openstack(["volume", "backup", "delete", "--force", b.id], ADMIN);
    expect(del.code, del.stderr).toBe(0);
    await settleUntil(async () => (await volumeStatus(volumeId)) === "available");
    const listed = await s.osc<Array<{ ID: string }>>(["volume", "backup", "list"]);
    expect(listed.map((x) => x.ID)).not.toContain(b.id);
    const shown = await s.cinder(["backup-show", b.id]);
    expect(shown.stderr).toContain(`No volumebackup with a name or ID of '${b.id}' exists.`);
    expect(await volumeStatus(volumeId)).toBe("available");
    // The backup really was running: the manager saw the delete between chunks and aborted.
    const trace = (await s.sim("GET", "/trace")).text;
    expect(trace).toContain(`backup ${b.id} aborted (cancelled`);
  });

  it("3.5.3: `openstack volume backup set --state error` cancels a running restore", async () => {
    const full = await s.osc<{ id: string }>(["volume", "backup", "create", "--name", "full", "big"]);
    await settleUntil(async () => (await backupStatus(full.id)) === "available");
    const target = (await s.osc<{ id: string }>(["volume", "create", "--size", "10", "target"])).id;
    await settleUntil(async () => (await volumeStatus(target)) === "available");

    const r = await s.cinderShow(["backup-restore", full.id, "--volume", target]);
    expect(r["volume_id"]).toBe(target);
    expect(await backupStatus(full.id)).toBe("restoring");
    const set = await s.openstack(["volume", "backup", "set", "--state", "error", full.id], ADMIN);
    expect(set.code, set.stderr).toBe(0);
    await settleUntil(async () => (await volumeStatus(target)) !== "restoring-backup");
    // backup/manager.py:restore_backup: BackupRestoreCancel → volume error, backup available.
    expect(await volumeStatus(target)).toBe("error");
    expect(await backupStatus(full.id)).toBe("available");
    // The driver noticed the status change between objects and cancelled (not a finished restore).
    const trace = (await s.sim("GET", "/trace")).text;
    expect(trace).toContain(`canceled restoring backup ${full.id} to volume ${target}`);
  });
});
