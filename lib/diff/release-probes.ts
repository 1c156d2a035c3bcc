import type { Sequence, Step } from "./step.ts";

/**
 * Hand-written sequences that reach what the releases do differently (spec §10) through answers
 * `cbh diff` compares (status, error text, settled statuses): the generated sequences almost never
 * do (0 of 73 seeds differ between a zed and an epoxy `cbh serve`, docs/fidelity.md). `cbh diff
 * --probes` runs them instead of seeds; probe N is seed N. Each names the cinder function that
 * decides it; a profile that plays the wrong release diverges on every probe.
 */
interface Probe {
  name: string;
  steps: Step[];
}

const volume = (ref: string): Step => ({
  kind: "api",
  label: "create volume",
  as: "member",
  method: "POST",
  path: "/volumes",
  body: { volume: { size: 1, name: `{name:${ref}}` } },
  bind: { ref, kind: "volumes", from: "volume.id" },
});
const backup = (ref: string, vol: string, incremental = false): Step => ({
  kind: "api",
  label: `create backup ${incremental ? "incremental" : "full"}`,
  as: "member",
  method: "POST",
  path: "/backups",
  body: { backup: { volume_id: `{ref:${vol}}`, name: `{name:${ref}}`, ...(incremental ? { incremental: true } : {}) } },
  bind: { ref, kind: "backups", from: "backup.id" },
});
const resetError = (ref: string): Step => ({
  kind: "api",
  label: "reset-status backup error",
  as: "admin",
  method: "POST",
  path: `/backups/{ref:${ref}}/action`,
  body: { "os-reset_status": { status: "error" } },
});
const show = (ref: string, project: "show" | "show-zone" = "show"): Step => ({
  kind: "api",
  label: "show backup",
  as: "member",
  method: "GET",
  path: `/backups/{ref:${ref}}`,
  project,
});

export const RELEASE_PROBES: readonly Probe[] = [
  {
    // backup/api.py:API.create: Zed's max() takes the newest backup of any status and refuses it
    // ("The parent backup must be available…", bug 1974092); 22.0.0+ keys only available ones.
    name: "incremental-after-newest-errored",
    steps: [volume("vol0"), backup("bak0", "vol0"), backup("bak1", "vol0"), resetError("bak1"), backup("bak2", "vol0", true), show("bak2")],
  },
  {
    // backup/api.py:API.create: the same 400, with Zed's or 22.0.0's text
    name: "incremental-only-errored",
    steps: [volume("vol0"), backup("bak0", "vol0"), resetError("bak0"), backup("bak1", "vol0", true)],
  },
  {
    // api/openstack/api_version_request.py:_MAX_API_VERSION: 3.70 in Zed, 3.71 from 26.0.0 (406 above it)
    name: "microversion-3.71",
    steps: [{ kind: "api", label: "list backups at 3.71", as: "member", method: "GET", path: "/backups", microversion: "3.71" }],
  },
  {
    // backup/manager.py:create_backup: 25.0.0+ fills an empty availability_zone with the backup
    // service's (bug 1942154), Zed leaves the row's NULL (backup/api.py:API.create never sets it).
    // One zone only, so the requested zone (3.51, honoursBackupAz) cannot differ from the filled one.
    name: "backup-zone-filled",
    steps: [volume("vol0"), backup("bak0", "vol0"), show("bak0", "show-zone")],
  },
];

/** Probe `seed` (1-based) as a sequence. */
export function releaseProbe(seed: number, release: string): Sequence {
  const p = RELEASE_PROBES[seed - 1];
  if (!p) throw new RangeError(`there are ${RELEASE_PROBES.length} release probes (1..${RELEASE_PROBES.length}), not ${seed}`);
  return { seed, release, steps: p.steps };
}
