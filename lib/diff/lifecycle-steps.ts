import type { AwkwardText } from "./awkward-text.ts";
import type { Step } from "./step.ts";

/** What the generator knows it asked for (not what the clouds answered: both answer for themselves). */
export interface GenState {
  volumes: string[];
  snapshots: string[];
  backups: string[];
  records: string[];
  next: number;
}

export const newGenState = (): GenState => ({ volumes: [], snapshots: [], backups: [], records: [], next: 0 });

type Draw = (s: GenState, t: AwkwardText) => Step[];

const fresh = (s: GenState, prefix: string): string => `${prefix}${s.next++}`;
const any = (t: AwkwardText, list: string[]): string => t.faker.helpers.arrayElement(list);

/** POST /volumes with an awkward name, description and metadata (volumes/volumes.py:create). */
export const createVolume: Draw = (s, t) => {
  const ref = fresh(s, "vol");
  s.volumes.push(ref);
  const description = t.description();
  return [
    {
      kind: "api",
      label: "create volume",
      as: "member",
      method: "POST",
      path: "/volumes",
      body: { volume: { size: 1, name: `{name:${ref}} ${t.name()}`, metadata: t.metadata(), ...(description ? { description } : {}) } },
      bind: { ref, kind: "volumes", from: "volume.id" },
    },
  ];
};

/** Seeded bytes at an offset in the first MiB (the simulator side runs at small geometry, 1 MiB
 *  of device per GB: docs/diff.md), across a 4 KiB or a 512 KiB boundary. */
export const writeVolume: Draw = (s, t) => {
  const f = t.faker;
  const offset = f.helpers.arrayElement([0, 4096 * f.number.int({ max: 128 }), 512 * 1024 - 2048]);
  const length = f.helpers.arrayElement([1, 4096, 65_536, 300_000]);
  return [
    { kind: "write", label: "write volume", ref: any(t, s.volumes), offset, length, seed: f.number.int({ min: 1, max: 2 ** 31 - 1 }) },
  ];
};

export const digestVolume: Draw = (s, t) => [{ kind: "digest", label: "read volume bytes", ref: any(t, s.volumes) }];

/** POST /snapshots (volume/api.py:create_snapshot; force for an in-use volume). */
export const createSnapshot: Draw = (s, t) => {
  const ref = fresh(s, "snap");
  s.snapshots.push(ref);
  const force = t.faker.datatype.boolean({ probability: 0.3 });
  return [
    {
      kind: "api",
      label: "create snapshot",
      as: "member",
      method: "POST",
      path: "/snapshots",
      body: { snapshot: { volume_id: `{ref:${any(t, s.volumes)}}`, name: `{name:${ref}} ${t.name()}`, ...(force ? { force: true } : {}) } },
      bind: { ref, kind: "snapshots", from: "snapshot.id" },
    },
  ];
};

/** POST /backups: full, incremental, force (in-use allowed) or from a snapshot (backup/api.py:create). */
export const createBackup: Draw = (s, t) => {
  const f = t.faker;
  const ref = fresh(s, "bak");
  s.backups.push(ref);
  const mode = f.helpers.arrayElement(["full", "incremental", "incremental", "force", ...(s.snapshots.length ? ["snapshot"] : [])]);
  const description = t.description();
  const body: Record<string, unknown> = {
    volume_id: `{ref:${any(t, s.volumes)}}`,
    name: `{name:${ref}} ${t.name()}`,
    ...(description ? { description } : {}),
    ...(mode === "incremental" ? { incremental: true } : {}),
    ...(mode === "force" ? { force: true } : {}),
    ...(mode === "snapshot" ? { snapshot_id: `{ref:${any(t, s.snapshots)}}` } : {}),
  };
  return [
    {
      kind: "api",
      label: `create backup ${mode}`,
      as: "member",
      method: "POST",
      path: "/backups",
      body: { backup: body },
      bind: { ref, kind: "backups", from: "backup.id" },
    },
  ];
};

/** POST /backups/{id}/restore to a new volume or onto an existing one (backup/api.py:restore). */
export const restoreBackup: Draw = (s, t) => {
  const backup = `{ref:${any(t, s.backups)}}`;
  if (t.faker.datatype.boolean({ probability: 0.5 }) && s.volumes.length) {
    return [
      {
        kind: "api",
        label: "restore backup to existing volume",
        as: "member",
        method: "POST",
        path: `/backups/${backup}/restore`,
        body: { restore: { volume_id: `{ref:${any(t, s.volumes)}}` } },
      },
    ];
  }
  const ref = fresh(s, "vol");
  s.volumes.push(ref);
  return [
    {
      kind: "api",
      label: "restore backup to new volume",
      as: "member",
      method: "POST",
      path: `/backups/${backup}/restore`,
      body: { restore: { name: `{name:${ref}} ${t.name()}` } },
      bind: { ref, kind: "volumes", from: "restore.volume_id" },
    },
  ];
};

/** DELETE of a backup, snapshot or volume as the member. */
export const deleteResource: Draw = (s, t) => {
  const kinds = (["backups", "snapshots", "volumes"] as const).filter((k) => s[k].length);
  const kind = t.faker.helpers.arrayElement(kinds);
  const ref = any(t, s[kind]);
  // later draws aim at what is left (a deleted ref may still come back through an edge step)
  s[kind] = s[kind].filter((r) => r !== ref);
  return [{ kind: "api", label: `delete ${kind.slice(0, -1)}`, as: "member", method: "DELETE", path: `/${kind}/{ref:${ref}}` }];
};

/** GET of one resource (its status, fail_reason and references compared). */
export const showResource: Draw = (s, t) => {
  const kinds = (["backups", "snapshots", "volumes"] as const).filter((k) => s[k].length);
  const kind = t.faker.helpers.arrayElement(kinds);
  return [
    {
      kind: "api",
      label: `show ${kind.slice(0, -1)}`,
      as: "member",
      method: "GET",
      path: `/${kind}/{ref:${any(t, s[kind])}}`,
      project: "show",
    },
  ];
};
