import type { Schema } from "../json-schema.ts";
import * as t from "../parameter-types.ts";

/** `api/schemas/attachments.py`: create (3.27), `mode` from 3.54. */
const attachment = { instance_uuid: t.uuid, connector: { type: ["object", "null"] }, volume_uuid: t.uuid };
const wrap = (props: Record<string, unknown>): Schema => ({
  type: "object",
  properties: { type: "object", attachment: { type: "object", properties: props, required: ["volume_uuid"], additionalProperties: false } },
  required: ["attachment"],
  additionalProperties: false,
});
export const create = wrap(attachment);
export const createV354 = wrap({ ...attachment, mode: { type: "string", enum: ["rw", "ro"] } });
