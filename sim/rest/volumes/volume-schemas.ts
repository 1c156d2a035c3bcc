import type { Schema } from "../json-schema.ts";
import * as t from "../parameter-types.ts";

/** `api/schemas/volumes.py`, `volume_actions.py` (attach/detach) and `admin_actions.py:reset`. */
const nameLike = { type: ["string", "null"], format: "name_non_mandatory_remove_white_spaces" };
const descriptionLike = { type: ["string", "null"], format: "description_non_mandatory_remove_white_spaces" };

const createVolume = {
  name: nameLike,
  description: descriptionLike,
  display_name: nameLike,
  display_description: descriptionLike,
  volume_type: t.nameAllowZeroMinLength,
  metadata: t.metadataAllowsNull,
  snapshot_id: t.optionalUuid,
  source_volid: t.optionalUuid,
  consistencygroup_id: t.optionalUuid,
  size: t.volumeSizeAllowsNull,
  availability_zone: t.availabilityZone,
  multiattach: t.optionalBoolean,
  image_id: { type: ["string", "null"], minLength: 0, maxLength: 255 },
  imageRef: { type: ["string", "null"], minLength: 0, maxLength: 255 },
};

const createWith = (props: Record<string, unknown>, additional: boolean): Schema => ({
  type: "object",
  properties: {
    volume: { type: "object", properties: props, additionalProperties: additional },
    "OS-SCH-HNT:scheduler_hints": { type: ["object", "null"] },
  },
  required: ["volume"],
  additionalProperties: false,
});

const v313 = { ...createVolume, group_id: { type: ["string", "null"], minLength: 0, maxLength: 255 } };
const v347 = { ...v313, backup_id: t.optionalUuid };
/** 3.0–3.12, 3.13–3.46 (`group_id`), 3.47–3.52 (`backup_id`), 3.53+ (no unknown keys). */
export const create = createWith(createVolume, true);
export const createV313 = createWith(v313, true);
export const createV347 = createWith(v347, true);
export const createV353 = createWith(v347, false);

const updateVolume = {
  name: nameLike,
  description: descriptionLike,
  display_name: nameLike,
  display_description: descriptionLike,
  metadata: t.extraSpecs,
};
export const update: Schema = {
  type: "object",
  properties: { volume: { type: "object", properties: updateVolume, additionalProperties: false } },
  required: ["volume"],
  additionalProperties: false,
};
export const updateV353: Schema = {
  type: "object",
  properties: {
    volume: {
      type: "object",
      properties: updateVolume,
      additionalProperties: false,
      anyOf: [
        { required: ["name"] },
        { required: ["description"] },
        { required: ["display_name"] },
        { required: ["display_description"] },
        { required: ["metadata"] },
      ],
    },
  },
  required: ["volume"],
  additionalProperties: false,
};

export const resetStatus: Schema = {
  type: "object",
  properties: {
    "os-reset_status": {
      type: "object",
      format: "validate_volume_reset_body",
      properties: {
        status: { type: ["string", "null"], format: "volume_status" },
        attach_status: { type: ["string", "null"], format: "volume_attach_status" },
        migration_status: { type: ["string", "null"], format: "volume_migration_status" },
      },
      additionalProperties: false,
    },
  },
  required: ["os-reset_status"],
  additionalProperties: false,
};

export const attach: Schema = {
  type: "object",
  properties: {
    "os-attach": {
      type: "object",
      properties: {
        instance_uuid: t.uuid,
        mountpoint: { type: "string", minLength: 1, maxLength: 255 },
        host_name: { type: "string", maxLength: 255 },
        mode: { type: "string", enum: ["rw", "ro"] },
      },
      required: ["mountpoint"],
      anyOf: [{ required: ["instance_uuid"] }, { required: ["host_name"] }],
      additionalProperties: false,
    },
  },
  required: ["os-attach"],
  additionalProperties: false,
};

export const detach: Schema = {
  type: "object",
  properties: { "os-detach": { type: ["object", "null"], properties: { attachment_id: t.uuidAllowNull }, additionalProperties: false } },
  required: ["os-detach"],
  additionalProperties: false,
};

/** `api/schemas/volume_actions.py:extend` (`parameter_types.volume_size`). */
export const extend: Schema = {
  type: "object",
  properties: {
    "os-extend": {
      type: "object",
      properties: { new_size: { type: ["integer", "string"], pattern: "^[0-9]+$", minimum: 1, maximum: t.DB_MAX_INT } },
      required: ["new_size"],
      additionalProperties: false,
    },
  },
  required: ["os-extend"],
  additionalProperties: false,
};

/** `api/schemas/volume_actions.py:retype`. */
export const retype: Schema = {
  type: "object",
  properties: {
    "os-retype": {
      type: "object",
      properties: { new_type: { type: "string" }, migration_policy: { type: ["string", "null"], enum: ["on-demand", "never"] } },
      required: ["new_type"],
      additionalProperties: false,
    },
  },
  required: ["os-retype"],
  additionalProperties: false,
};

/** `api/schemas/volume_actions.py:volume_upload_image` (3.0) and `volume_upload_image_v31` (3.1: visibility, protected). */
const uploadImageWith = (extra: Record<string, Schema>): Schema => ({
  type: "object",
  properties: {
    "os-volume_upload_image": {
      type: "object",
      properties: {
        image_name: { type: "string", minLength: 1, maxLength: 255 },
        force: t.boolean,
        disk_format: { type: "string", enum: ["raw", "vmdk", "vdi", "qcow2", "vhd", "vhdx", "ploop"] },
        container_format: t.description,
        ...extra,
      },
      required: ["image_name"],
      additionalProperties: false,
    },
  },
  required: ["os-volume_upload_image"],
  additionalProperties: false,
});
export const uploadImage: Schema = uploadImageWith({});
export const uploadImageV31: Schema = uploadImageWith({
  visibility: { type: "string", enum: ["community", "public", "private", "shared"] },
  protected: t.boolean,
});
