import type { Checker, Finding } from "../check/index.ts";
import type { SimulatedCloudImpl } from "./simulated-cloud-impl.ts";

/**
 * Finding codes of the cloud invariants:
 * - `quota-drift`: a project's quota `in_use` differs from its live records (subject: the project id);
 * - `negative-usage`: `in_use` or `reserved` below zero (subject: the project id);
 * - `stuck-transitional`: a backup, volume or snapshot left in a transitional status (subject: its id).
 */
export interface InvariantViolation extends Finding {
  readonly code: "quota-drift" | "stuck-transitional" | "negative-usage";
  readonly subject: string;
}

const TRANSITIONAL = {
  backup: new Set(["creating", "deleting", "restoring"]),
  volume: new Set(["creating", "deleting", "backing-up", "restoring-backup", "attaching", "detaching"]),
  snapshot: new Set(["creating", "deleting", "backing-up"]),
};

/**
 * What must hold once the cloud is quiet: quota `in_use` equals the live records (backups,
 * backup_gigabytes, volumes, gigabytes, snapshots; temporary devices excluded), nothing is left
 * in a transitional status, and no usage is negative.
 */
export function invariantChecker(opts: { quiescent?: boolean } = {}): Checker<SimulatedCloudImpl, InvariantViolation> {
  return { name: "cloud-invariants", check: (cloud) => checkInvariants(cloud, opts) };
}

/** `invariantChecker(opts).check(cloud)`. */
export function checkInvariants(cloud: SimulatedCloudImpl, opts: { quiescent?: boolean } = {}): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const st = cloud.state;
  const projects = new Set([
    cloud.users.admin.projectId,
    cloud.users.demo.projectId,
    ...st.db.backups.all().map((b) => b.project_id),
    ...st.db.volumes.all().map((v) => v.project_id),
  ]);
  for (const p of projects) {
    const backups = st.db.backups.filterLive((b) => b.project_id === p);
    const volumes = st.db.volumes.filterLive((v) => v.use_quota && v.project_id === p);
    const snaps = st.db.snapshots.filterLive((s) => s.use_quota && s.project_id === p);
    const expect: Record<string, number> = {
      backups: backups.length,
      backup_gigabytes: backups.reduce((n, b) => n + b.size, 0),
      volumes: volumes.length,
      snapshots: snaps.length,
      gigabytes: volumes.reduce((n, v) => n + v.size, 0) + snaps.reduce((n, s) => n + s.volume_size, 0),
    };
    for (const [res, n] of Object.entries(expect)) {
      const u = st.quotas.usage(p, res);
      if (u.in_use !== n)
        out.push({ code: "quota-drift", subject: p, message: `project ${p}: ${res} in_use=${u.in_use} but live records say ${n}` });
      if (u.in_use < 0 || u.reserved < 0)
        out.push({ code: "negative-usage", subject: p, message: `project ${p}: ${res} in_use=${u.in_use} reserved=${u.reserved}` });
    }
  }
  if (opts.quiescent !== false) {
    for (const b of st.db.backups.filterLive((x) => TRANSITIONAL.backup.has(x.status)))
      out.push({ code: "stuck-transitional", subject: b.id, message: `backup ${b.id} stuck in ${b.status}` });
    for (const v of st.db.volumes.filterLive((x) => TRANSITIONAL.volume.has(x.status)))
      out.push({ code: "stuck-transitional", subject: v.id, message: `volume ${v.id} stuck in ${v.status}` });
    for (const s of st.db.snapshots.filterLive((x) => TRANSITIONAL.snapshot.has(x.status)))
      out.push({ code: "stuck-transitional", subject: s.id, message: `snapshot ${s.id} stuck in ${s.status}` });
  }
  return out;
}
