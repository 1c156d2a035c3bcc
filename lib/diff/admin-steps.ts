import type { AwkwardText } from "./awkward-text.ts";
import type { GenState } from "./lifecycle-steps.ts";
import type { Step } from "./step.ts";

type Draw = (s: GenState, t: AwkwardText) => Step[];
const any = (t: AwkwardText, list: string[]): string => t.faker.helpers.arrayElement(list);

/** `os-force_delete` of a backup (api/contrib/admin_actions.py:BackupAdminController._force_delete). */
export const forceDeleteBackup: Draw = (s, t) => [
  {
    kind: "api",
    label: "force-delete backup",
    as: "admin",
    method: "POST",
    path: `/backups/{ref:${any(t, s.backups)}}/action`,
    body: { "os-force_delete": {} },
  },
];

/** `os-reset_status` of a backup, volume or snapshot (admin_actions.py: *AdminController._reset_status). */
export const resetStatus: Draw = (s, t) => {
  const f = t.faker;
  const kinds = (["backups", "snapshots", "volumes"] as const).filter((k) => s[k].length);
  const kind = f.helpers.arrayElement(kinds);
  const status = f.helpers.arrayElement(kind === "volumes" ? ["available", "error", "in-use"] : ["available", "error"]);
  return [
    {
      kind: "api",
      label: `reset-status ${kind.slice(0, -1)} ${status}`,
      as: "admin",
      method: "POST",
      path: `/${kind}/{ref:${any(t, s[kind])}}/action`,
      body: { "os-reset_status": { status } },
    },
  ];
};

/** GET /backups/{id}/export_record, then (maybe) delete the backup and import the record back
 *  (backup/api.py:export_record, import_record: "Backup already exists" while it is there). */
export const exportImport: Draw = (s, t) => {
  const backup = any(t, s.backups);
  const rec = `rec${s.next++}`;
  s.records.push(rec);
  const steps: Step[] = [
    {
      kind: "api",
      label: "export backup record",
      as: "admin",
      method: "GET",
      path: `/backups/{ref:${backup}}/export_record`,
      bindRecord: rec,
    },
  ];
  if (t.faker.datatype.boolean({ probability: 0.5 }))
    steps.push({ kind: "api", label: "delete backup", as: "member", method: "DELETE", path: `/backups/{ref:${backup}}` });
  const ref = `bak${s.next++}`;
  s.backups.push(ref);
  steps.push({
    kind: "api",
    label: "import backup record",
    as: "admin",
    method: "POST",
    path: "/backups/import_record",
    body: { "backup-record": { backup_service: `{record:${rec}.backup_service}`, backup_url: `{record:${rec}.backup_url}` } },
    bind: { ref, kind: "backups", from: "backup.id" },
  });
  return steps;
};

/** PUT a backups / backup_gigabytes / volumes quota of the member's project (quotas.py:update);
 *  the run puts the project's quotas back afterwards (run-sequence.ts cleanup, DiffTarget.ownsProject). */
export const quotaChange: Draw = (_s, t) => {
  const f = t.faker;
  const key = f.helpers.arrayElement(["backups", "backup_gigabytes", "volumes", "snapshots", "gigabytes"]);
  const value = f.helpers.arrayElement([0, 1, 2, 5, -1, 100]);
  return [
    {
      kind: "api",
      label: `set quota ${key}=${value}`,
      as: "admin",
      method: "PUT",
      path: "/os-quota-sets/{project}",
      body: { quota_set: { [key]: value } },
      project: "quota",
    },
  ];
};
