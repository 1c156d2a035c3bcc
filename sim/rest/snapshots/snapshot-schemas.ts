import type { Schema } from "../json-schema.ts";
import * as t from "../parameter-types.ts";

/** `api/schemas/snapshots.py` (with cinder's stray `'type': 'object'` property) and `reset_status_snapshot`. */
export const create: Schema = {
  type: "object",
  properties: {
    type: "object",
    snapshot: {
      type: "object",
      properties: {
        name: t.nameAllowZeroMinLength,
        display_name: t.nameAllowZeroMinLength,
        description: t.description,
        volume_id: t.uuidAllowNull,
        force: t.boolean,
        metadata: t.metadataAllowsNull,
      },
      required: ["volume_id"],
      additionalProperties: false,
    },
  },
  required: ["snapshot"],
  additionalProperties: false,
};

export const resetStatus: Schema = {
  type: "object",
  properties: {
    "os-reset_status": {
      type: "object",
      properties: { status: { type: "string", format: "snapshot_status" } },
      required: ["status"],
      additionalProperties: false,
    },
  },
  required: ["os-reset_status"],
  additionalProperties: false,
};
