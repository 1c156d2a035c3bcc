import type { CinderOperator } from "../../../../lib/backends/index.ts";
import type { CloudClient } from "../../../../lib/openstack/index.ts";

export interface RestoreUsage {
  /** The restored (new, 1 GiB) volume's RBD bytes that hold data after the restore. */
  restoredUsedBytes: number;
}

const MiB = 1024 ** 2;

/**
 * `volume_is_new` on a real cloud (the epoxy profile's `restorePassesVolumeIsNew`): a 1 GB volume
 * with 1 MiB of data is backed up (posix) and restored into a volume the API creates. Epoxy's
 * `BackupManager._run_restore` passes `volume_is_new=True` and `ChunkedBackupDriver._write_nonzero`
 * skips the all-zero MiBs, so the new RBD image keeps ~1 object; Zed's restore writes every byte
 * (`_restore_v1`), zeros included, so the image holds the whole GiB. No REST answer differs: only
 * the image's allocation (`rbd du`) shows it. Everything made is deleted before returning.
 */
export async function restoreUsage(member: CloudClient, operator: CinderOperator, runId: string): Promise<RestoreUsage> {
  const made: { kind: "volumes" | "backups"; id: string }[] = [];
  const api = async (method: string, path: string, body?: unknown): Promise<Record<string, Record<string, unknown>>> => {
    const r = await member.call("volume", method, path, body === undefined ? {} : { body });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return (r.body ?? {}) as Record<string, Record<string, unknown>>;
  };
  const until = async (kind: "volumes" | "backups", id: string, status: string): Promise<void> => {
    for (let t = 0; t < 600; t++) {
      const s = (await api("GET", `/${kind}/${id}`))[kind.slice(0, -1)]?.status;
      if (s === status) return;
      if (s === "error" || s === "error_restoring") throw new Error(`${kind} ${id} went to ${String(s)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`${kind} ${id} not ${status} after 600 s`);
  };
  try {
    const vol = String((await api("POST", "/volumes", { volume: { size: 1, name: `${runId}-src` } })).volume?.id);
    made.push({ kind: "volumes", id: vol });
    await until("volumes", vol, "available");
    await operator.writeVolume(vol, new Uint8Array(MiB).fill(0xa5), 0);
    const bak = String((await api("POST", "/backups", { backup: { volume_id: vol, name: `${runId}-bak` } })).backup?.id);
    made.push({ kind: "backups", id: bak });
    await until("backups", bak, "available");
    const restored = String((await api("POST", `/backups/${bak}/restore`, { restore: { name: `${runId}-new` } })).restore?.volume_id);
    made.push({ kind: "volumes", id: restored });
    await until("backups", bak, "available");
    await until("volumes", restored, "available");
    return { restoredUsedBytes: await operator.volumeUsedBytes(restored) };
  } finally {
    for (const m of made.reverse()) {
      await member.call("volume", "DELETE", `/${m.kind}/${m.id}`).catch(() => undefined);
      for (let t = 0; t < 300; t++) {
        const r = await member.call("volume", "GET", `/${m.kind}/${m.id}`).catch(() => undefined);
        if (!r || r.status === 404) break;
        await new Promise((res) => setTimeout(res, 1000));
      }
    }
  }
}
