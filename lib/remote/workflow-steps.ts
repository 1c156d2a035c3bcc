import type { CloudClient } from "../openstack/index.ts";
import type { RemoteRun } from "./remote-workflow.ts";

/** `os-attach` as an instance would (`contrib/volume_actions.py:_attach`); waits for `in-use`. */
export async function attach(w: RemoteRun, volumeId: string, instance: string, mountpoint: string): Promise<void> {
  await w.res.ok("attach volume", "POST", `/volumes/${volumeId}/action`, { "os-attach": { instance_uuid: instance, mountpoint } });
  await w.res.waitFor("volumes", volumeId, ["in-use", "error", "available"]);
}

/** `os-detach` of every attachment, so the volume can be deleted; errors are the cleanup's to report. */
export async function detachAll(w: RemoteRun, volumeId: string): Promise<void> {
  const v = await w.res.get("volumes", volumeId).catch(() => undefined);
  for (const a of (v?.["attachments"] ?? []) as { attachment_id?: string; id?: string }[]) {
    const id = a.attachment_id ?? a.id;
    await w.res.target.member.call("volume", "POST", `/volumes/${volumeId}/action`, {
      body: { "os-detach": { attachment_id: id } },
      step: "detach volume",
    });
  }
  if (v) await w.res.waitFor("volumes", volumeId, ["available", "error", "error_deleting"]).catch(() => undefined);
}

/**
 * The temporary clones of `volumeId` cinder-volume made for a backup and has not deleted
 * (`volume/manager.py:_create_temp_cloned_volume` names them `backup-vol-<id>`): visible to an
 * admin listing every project, undefined without one.
 */
export async function liveTempClones(w: RemoteRun, volumeId: string): Promise<string[] | undefined> {
  const admin = w.res.target.admin;
  if (!admin) return undefined;
  const rows = await admin.listAll<{ id: string; name: string | null; status: string }>(
    "volume",
    `/volumes/detail?all_tenants=1&name=backup-vol-${volumeId}`,
    "volumes",
    "list temporary clones",
  );
  return rows.filter((r) => r.name === `backup-vol-${volumeId}`).map((r) => r.status);
}

/**
 * Lets an operation the workflow just started get going before an operator acts on it (a cancel,
 * a restart): one polling step of virtual time on a simulated cloud (its work is then mid-way, as
 * `runUntil` does in the simulator's workflow), `realMs` of real time on a real cloud, whose
 * volume is big enough (4 GB: three posix chunks) that the operation still runs after it.
 */
export async function letItStart(w: RemoteRun, realMs = 10_000): Promise<void> {
  if (w.res.target.operator?.advanceTime) await w.res.pause();
  else await new Promise((r) => setTimeout(r, realMs));
}

/**
 * The live temporary clones once cinder-volume is done with them: the backup turns `available`
 * before the clone's `delete_volume` (a cast) has run, so a real cloud may still list it as
 * `deleting` for a moment; polls (up to `timeoutMs`) while any is left. Undefined without an admin.
 */
export async function tempClonesLeft(w: RemoteRun, volumeId: string, timeoutMs = 120_000): Promise<string[] | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const clones = await liveTempClones(w, volumeId);
    if (!clones || clones.length === 0 || Date.now() > deadline) return clones;
    await w.elapse(2000);
  }
}

/** Waits until the admin's service list shows cinder-volume and cinder-backup up (after a
 *  restart or a database loss, services re-register on their next report_state). */
export async function servicesUp(w: RemoteRun, admin: CloudClient, timeoutMs = 180_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.call("volume", "GET", "/os-services", { step: "service list" });
    const services = ((res.body as { services?: { binary: string; state: string }[] } | undefined)?.services ?? []).filter(
      (s) => s.binary === "cinder-volume" || s.binary === "cinder-backup",
    );
    const up = (b: string) => services.some((s) => s.binary === b && s.state === "up");
    if (res.status === 200 && up("cinder-volume") && up("cinder-backup")) return true;
    if (Date.now() > deadline) return false;
    await w.elapse(2000);
  }
}
