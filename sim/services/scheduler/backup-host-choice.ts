import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";

/**
 * `scheduler/host_manager.py:get_backup_host` → `_get_available_backup_service_host`: without
 * `backup_use_same_host`, a random backup host whose last published capabilities say
 * `backend_state=True` in the AZ (stale states are never pruned: a dead host can be chosen);
 * with it, the volume's own host if its backup service is enabled, up and in the AZ.
 * Returns null for `ServiceNotFound`.
 */
export function schedulerBackupHost(state: CloudState, volume: VolumeRow, az: string | null): string | null {
  const volumeHost = volume.host ? volume.host.split("@")[0]! : null;
  if (!volumeHost || !state.config.backup_use_same_host) {
    const candidates: string[] = [];
    for (const [host, cap] of state.services.backupStates)
      if (cap.backend_state && (!az || cap.availability_zone === az)) candidates.push(host);
    return candidates.length ? state.prng.stream("scheduler.backup-host").pick(candidates) : null;
  }
  return apiBackupServiceEnabled(state, az, volumeHost) ? volumeHost : null;
}

/** `backup/api.py:_is_backup_service_enabled`: enabled, up, AZ matches (or no AZ). */
export function apiBackupServiceEnabled(state: CloudState, az: string | null, host: string): boolean {
  return state.services
    .rows()
    .some(
      (s) =>
        s.binary === "cinder-backup" && !s.disabled && s.host === host && (!az || s.availability_zone === az) && state.services.isUp(s),
    );
}

/**
 * `backup/api.py:_get_available_backup_service_host` (restore, delete, export, reset, import):
 * a random up, enabled backup service in the AZ (NULL AZ = any). Driver type is not checked.
 */
export function apiBackupHost(state: CloudState, host: string | null, az: string | null): string | null {
  if (!host || !state.config.backup_use_same_host) {
    const services = state.services.rows().filter((s) => s.binary === "cinder-backup" && !s.disabled);
    const shuffled = shuffle(
      services.map((s) => s.host),
      state,
    );
    for (const h of shuffled) {
      const s = services.find((x) => x.host === h)!;
      if ((!az || s.availability_zone === az) && state.services.isUp(s)) return h;
    }
    return null;
  }
  return apiBackupServiceEnabled(state, az, host) ? host : null;
}

/** `_list_backup_hosts`: every enabled, up backup host (import). */
export function apiBackupHosts(state: CloudState): string[] {
  return state.services
    .rows()
    .filter((s) => s.binary === "cinder-backup" && !s.disabled && state.services.isUp(s))
    .map((s) => s.host);
}

function shuffle(items: string[], state: CloudState): string[] {
  const rng = state.prng.stream("api.backup-host");
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
