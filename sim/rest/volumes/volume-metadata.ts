import { badRequest, notFound } from "../faults.ts";
import type { Schema } from "../json-schema.ts";
import * as t from "../parameter-types.ts";
import type { Call, Reply, Route } from "../route.ts";

/** `api/schemas/volume_metadata.py` (with cinder's stray `'type': 'object'` property). */
export const metadataCreate: Schema = {
  type: "object",
  properties: { type: "object", metadata: t.extraSpecs },
  required: ["metadata"],
  additionalProperties: false,
};
export const metadataUpdate: Schema = {
  type: "object",
  properties: { type: "object", meta: { ...t.extraSpecs, minProperties: 1, maxProperties: 1 } },
  required: ["meta"],
  additionalProperties: false,
};

const volumeId = (c: Call): string => c.params["volume_id"] as string;
const metadataOf = async (c: Call): Promise<Record<string, string>> => ({
  ...(await c.cloud.ops.volumes.get(c.ctx, volumeId(c))).metadata,
});
/** `exception.VolumeMetadataNotFound` (404). */
const missing = (c: Call, key: string): Error => notFound(`Volume ${volumeId(c)} has no metadata with key ${key}.`);

/** Writes the whole user metadata (the domain update replaces it wholesale). */
async function write(c: Call, metadata: Record<string, string>): Promise<Record<string, string>> {
  return { ...(await c.cloud.ops.volumes.update(c.ctx, volumeId(c), { metadata })).metadata };
}

async function show(c: Call): Promise<Reply> {
  const key = c.params["id"] as string;
  const meta = await metadataOf(c);
  if (!Object.hasOwn(meta, key)) throw missing(c, key);
  return { status: 200, body: { meta: { [key]: meta[key] } } };
}

async function updateOne(c: Call): Promise<Reply> {
  // v2/volume_metadata.py:Controller.update
  const key = c.params["id"] as string;
  const item = (c.body as Record<string, Record<string, string>>)["meta"] as Record<string, string>;
  if (!Object.hasOwn(item, key)) throw badRequest("Request body and URI mismatch");
  if (Object.keys(item).length > 1) throw badRequest("Request body contains too many items");
  await write(c, { ...(await metadataOf(c)), ...item });
  return { status: 200, body: { meta: item } };
}

async function remove(c: Call): Promise<Reply> {
  const key = c.params["id"] as string;
  const meta = await metadataOf(c);
  if (!Object.hasOwn(meta, key)) throw missing(c, key);
  delete meta[key];
  await write(c, meta);
  return { status: 200 };
}

/**
 * `/volumes/{volume_id}/metadata[/{key}]` (`api/v2/volume_metadata.py`, `v3/volume_metadata.py`):
 * list, merge (`POST`), replace (`PUT`), show, set one key, delete one key.
 */
export const volumeMetadataRoutes: Route[] = [
  { method: "GET", path: "volumes/{volume_id}/metadata", handler: async (c) => ({ status: 200, body: { metadata: await metadataOf(c) } }) },
  {
    method: "POST",
    path: "volumes/{volume_id}/metadata",
    body: true,
    schemas: [{ schema: metadataCreate }],
    handler: async (c) => ({
      status: 200,
      body: {
        metadata: await write(c, {
          ...(await metadataOf(c)),
          ...((c.body as Record<string, Record<string, string>>)["metadata"] as Record<string, string>),
        }),
      },
    }),
  },
  {
    method: "PUT",
    path: "volumes/{volume_id}/metadata",
    body: true,
    schemas: [{ schema: metadataCreate }],
    handler: async (c) => ({
      status: 200,
      body: { metadata: await write(c, { ...((c.body as Record<string, Record<string, string>>)["metadata"] as Record<string, string>) }) },
    }),
  },
  { method: "GET", path: "volumes/{volume_id}/metadata/{id}", handler: show },
  { method: "PUT", path: "volumes/{volume_id}/metadata/{id}", body: true, schemas: [{ schema: metadataUpdate }], handler: updateOne },
  { method: "DELETE", path: "volumes/{volume_id}/metadata/{id}", handler: remove },
];
