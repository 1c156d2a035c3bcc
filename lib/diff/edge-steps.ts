import type { AwkwardText } from "./awkward-text.ts";
import type { GenState } from "./lifecycle-steps.ts";
import { ABSENT_ID } from "./template.ts";
import type { Actor, Step } from "./step.ts";

type Draw = (s: GenState, t: AwkwardText) => Step[];

/**
 * The API's edges, where simulators drift first: list query parameters across microversions
 * (api/common.py, api/v3/volumes.py:_get_volumes, backups.py:_get_backups), quota sets with and
 * without usage (contrib/quotas.py:show), bodies missing required fields or of the wrong type
 * (api/validation), malformed export records on import (backup/api.py:import_record).
 */
const LIST_QUERIES = [
  "?limit=1",
  "?limit=0",
  "?limit=-1",
  "?limit=abc",
  `?marker=${ABSENT_ID}`,
  "?marker=not-a-uuid",
  "?sort=name:asc",
  "?sort=created_at:desc,id:asc",
  "?sort=bogus_key:asc",
  "?sort_key=name&sort_dir=sideways",
  "?with_count=true",
  "?with_count=maybe",
  "?unknown_filter=1",
  "?name=nothing-is-called-this",
  "?status=available&limit=2",
  "?all_tenants=1",
  "?all_tenants=true&project_id={project}",
  "?offset=1&limit=1",
];
const MICROVERSIONS = ["3.0", "3.31", "3.45", "3.60", "3.64"];

export const listEdge: Draw = (_s, t) => {
  const f = t.faker;
  const what = f.helpers.arrayElement(["volumes", "volumes/detail", "backups", "backups/detail", "snapshots", "snapshots/detail"]);
  const query = f.helpers.arrayElement(LIST_QUERIES);
  const as: Actor = f.helpers.arrayElement(["member", "admin"]);
  const microversion = f.helpers.arrayElement(MICROVERSIONS);
  return [
    {
      kind: "api",
      label: `list ${what}${query} @${microversion}`,
      as,
      method: "GET",
      path: `/${what}${query}`,
      microversion,
      project: "list",
    },
  ];
};

export const quotaEdge: Draw = (_s, t) => {
  const f = t.faker;
  const query = f.helpers.arrayElement(["", "?usage=True", "?usage=true", "?usage=False", "?usage=bogus"]);
  const as: Actor = f.helpers.arrayElement(["member", "admin"]);
  const path = f.helpers.arrayElement([`/os-quota-sets/{project}${query}`, "/os-quota-sets/{project}/defaults"]);
  return [{ kind: "api", label: `show quota ${path.replace("{project}", "P")} as ${as}`, as, method: "GET", path, project: "quota" }];
};

const BAD_BODIES: { path: string; body: unknown; what: string }[] = [
  { path: "/backups", body: {}, what: "backup body missing" },
  { path: "/backups", body: { backup: {} }, what: "backup without volume_id" },
  { path: "/backups", body: { backup: { volume_id: 12 } }, what: "backup volume_id a number" },
  { path: "/backups", body: { backup: { volume_id: "not-a-uuid" } }, what: "backup volume_id not a uuid" },
  { path: "/backups", body: { backup: { volume_id: ABSENT_ID, incremental: "perhaps" } }, what: "backup incremental not a boolean" },
  { path: "/backups", body: { backup: { volume_id: ABSENT_ID, name: "x".repeat(256) } }, what: "backup name too long" },
  { path: "/backups", body: { backup: { volume_id: ABSENT_ID, extra: 1 } }, what: "backup unknown key" },
  { path: "/volumes", body: { volume: { size: "big" } }, what: "volume size a string" },
  { path: "/volumes", body: { volume: {} }, what: "volume without size" },
  { path: "/volumes", body: { volume: { size: 0 } }, what: "volume size 0" },
  { path: "/snapshots", body: { snapshot: { name: "x" } }, what: "snapshot without volume_id" },
  { path: `/backups/${ABSENT_ID}/restore`, body: { restore: { volume_id: 7 } }, what: "restore volume_id a number" },
  { path: `/backups/${ABSENT_ID}/restore`, body: {}, what: "restore body missing" },
];

export const badBody: Draw = (_s, t) => {
  const b = t.faker.helpers.arrayElement(BAD_BODIES);
  return [{ kind: "api", label: `bad body: ${b.what}`, as: "member", method: "POST", path: b.path, body: b.body }];
};

const BAD_RECORDS: { record: unknown; what: string }[] = [
  { record: {}, what: "empty record" },
  { record: { backup_service: "cinder.backup.drivers.posix.PosixBackupDriver" }, what: "no backup_url" },
  { record: { backup_service: "cinder.backup.drivers.posix.PosixBackupDriver", backup_url: "not base64!" }, what: "backup_url not base64" },
  {
    record: { backup_service: "cinder.backup.drivers.posix.PosixBackupDriver", backup_url: "eyJub3QiOiAiYSBiYWNrdXAifQ==" },
    what: "backup_url decodes to a non-backup",
  },
  {
    record: { backup_service: "cinder.backup.drivers.posix.PosixBackupDriver", backup_url: "bm90IGpzb24=" },
    what: "backup_url decodes to non-JSON",
  },
  { record: { backup_service: "no.such.Driver", backup_url: "e30=" }, what: "unknown backup_service" },
  { record: { backup_service: 5, backup_url: "e30=" }, what: "backup_service a number" },
];

export const badImport: Draw = (_s, t) => {
  const r = t.faker.helpers.arrayElement(BAD_RECORDS);
  return [
    {
      kind: "api",
      label: `import malformed record: ${r.what}`,
      as: "admin",
      method: "POST",
      path: "/backups/import_record",
      body: { "backup-record": r.record },
    },
  ];
};
