import type { Schema } from "../json-schema.ts";
import * as t from "../parameter-types.ts";

/**
 * `api/schemas/backups.py` and `api/schemas/admin_actions.py:reset_status_backup`. The stray
 * `'type': 'object'` entry inside `properties` is cinder's own (see json-schema.ts).
 */
const createBackup = {
  volume_id: t.uuid,
  container: t.container,
  description: t.description,
  incremental: t.boolean,
  force: t.boolean,
  name: t.nameAllowZeroMinLength,
  snapshot_id: t.uuidAllowNull,
};

const wrap = (key: string, inner: Schema): Schema => ({
  type: "object",
  properties: { type: "object", [key]: inner },
  required: [key],
  additionalProperties: false,
});

const backupObject = (props: Record<string, Schema>): Schema => ({
  type: "object",
  properties: props,
  required: ["volume_id"],
  additionalProperties: false,
});

/** 3.0–3.42 / 3.43–3.50 (`metadata`) / 3.51+ (`availability_zone`). */
export const create: Schema = wrap("backup", backupObject(createBackup));
export const createV343: Schema = wrap("backup", backupObject({ ...createBackup, metadata: t.metadataAllowsNull }));
export const createV351: Schema = wrap(
  "backup",
  backupObject({ ...createBackup, metadata: t.metadataAllowsNull, availability_zone: t.nullableString }),
);

const updateBackup = { name: t.nameAllowZeroMinLength, description: t.description };
export const update: Schema = wrap("backup", { type: ["object", "null"], properties: updateBackup, additionalProperties: false });
export const updateV343: Schema = wrap("backup", {
  type: ["object", "null"],
  properties: { ...updateBackup, metadata: t.extraSpecs },
  additionalProperties: false,
});

export const restore: Schema = wrap("restore", {
  type: ["object", "null"],
  properties: { name: t.nameAllowZeroMinLength, volume_id: t.uuidAllowNull },
  additionalProperties: false,
});

export const importRecord: Schema = wrap("backup-record", {
  type: "object",
  properties: { backup_service: t.backupService, backup_url: t.backupUrl },
  required: ["backup_service", "backup_url"],
  additionalProperties: false,
});

export const resetStatus: Schema = {
  type: "object",
  properties: {
    "os-reset_status": {
      type: "object",
      properties: { status: { type: "string", format: "backup_status" } },
      required: ["status"],
      additionalProperties: false,
    },
  },
  required: ["os-reset_status"],
  additionalProperties: false,
};
