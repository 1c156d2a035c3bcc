import { createHash } from "node:crypto";
import { CloudError, type CloudClient } from "../openstack/index.ts";
import type { Resources } from "./resources.ts";

/** Deterministic bytes for a seed (xorshift32): the same seed fills volumes identically. */
export function seededBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * Bytes in and out of volumes. The bundled cloud's operator facet writes and hashes the RBD
 * image directly; any other cloud goes through the Image API (upload an image, create the
 * volume from it; `os-volume_upload_image`, download, hash).
 */
export class VolumeData {
  constructor(private readonly res: Resources) {}

  get direct(): boolean {
    return this.res.target.operator !== undefined && this.res.target.dataPath !== "image";
  }

  /** Whether this target can move bytes at all. */
  get available(): boolean {
    return this.direct || this.res.target.member.has("image");
  }

  /** A new available volume of `sizeGiB` whose first bytes are `data` (empty: a blank volume). */
  async volumeWith(label: string, sizeGiB: number, data: Uint8Array, extra: Record<string, unknown> = {}): Promise<string> {
    const op = this.direct ? this.res.target.operator : undefined;
    if (data.length === 0) return createVolume(this.res, label, sizeGiB, extra);
    if (op) {
      const id = await createVolume(this.res, label, sizeGiB, extra);
      await op.writeVolume(id, data);
      return id;
    }
    const image = await this.uploadImage(label, data);
    const id = await createVolume(this.res, label, sizeGiB, { imageRef: image, ...extra });
    await this.dropSignatureVerified(id);
    return id;
  }

  /**
   * cinder 26.0.0 (Epoxy) cannot upload a volume created from a plain image back to Glance:
   * `volume/api.py:API._merge_volume_image_meta` turns the volume's only non-core image property,
   * `signature_verified`, into `image_meta['properties']`; `image_utils.filter_out_reserved_namespaces_metadata`
   * (26.0.0 added `signature_verified` to GLANCE_RESERVED_NAMESPACES) empties it, and
   * `image/glance.py:_translate_to_glance` only unpacks a non-empty `properties`, so Glance gets
   * `"properties": {}` and answers 400 "Unable to set 'properties' to {}" (docs/releases.md).
   * Unsetting that key (`os-unset_image_metadata`, allowed to the owner) leaves no custom property
   * on any release, so `sha256` (`os-volume_upload_image`) works on Zed and Epoxy alike.
   */
  private async dropSignatureVerified(volumeId: string): Promise<void> {
    const c = this.res.target.member;
    // only where the cloud recorded the key (the volume's `volume_image_metadata`, shown to its
    // owner): a cloud that keeps no image metadata (cbh serve) has nothing to drop
    const shown = await c.call("volume", "GET", `/volumes/${volumeId}`, { step: `show ${volumeId}` });
    const meta = (shown.body as { volume?: { volume_image_metadata?: Record<string, unknown> } } | undefined)?.volume
      ?.volume_image_metadata;
    if (!meta || !("signature_verified" in meta)) return;
    const r = await c.call("volume", "POST", `/volumes/${volumeId}/action`, {
      step: `unset signature_verified on ${volumeId}`,
      body: { "os-unset_image_metadata": { key: "signature_verified" } },
    });
    // 404: the cloud did not record the key (glance metadata of another shape); nothing to drop
    if (r.status !== 200 && r.status !== 404)
      throw new CloudError("http", c.cloud.name, `unset signature_verified on ${volumeId}: HTTP ${r.status}`, r.status, r.body);
  }

  /** sha256 of the volume's bytes; `client` owns the volume (an admin's restore target). */
  async sha256(volumeId: string, client: CloudClient = this.res.target.member): Promise<string> {
    const op = this.direct ? this.res.target.operator : undefined;
    if (op) return op.volumeSha256(volumeId);
    const step = `upload volume ${volumeId} to an image`;
    const up = await this.res.ok(
      step,
      "POST",
      `/volumes/${volumeId}/action`,
      { "os-volume_upload_image": { image_name: this.res.name("readback"), disk_format: "raw", container_format: "bare", force: false } },
      client,
    );
    const imageId = (up.body as { "os-volume_upload_image": { image_id: string } })["os-volume_upload_image"].image_id;
    await this.res.waitFor("volumes", volumeId, ["available", "in-use"], client);
    const c = client;
    try {
      for (const deadline = Date.now() + (this.res.target.timeoutMs ?? 300_000); ;) {
        const img = await c.call("image", "GET", `/v2/images/${imageId}`, { step });
        const status = (img.body as { status?: string } | undefined)?.status;
        if (status === "active") break;
        if (status === "killed" || status === "deleted" || Date.now() > deadline)
          throw new CloudError("http", c.cloud.name, `${step}: image ${imageId} is ${status}`);
        await this.res.pause();
      }
      const file = await c.call("image", "GET", `/v2/images/${imageId}/file`, { step, raw: true });
      if (file.status !== 200) throw new CloudError("http", c.cloud.name, `${step}: download HTTP ${file.status}`, file.status);
      return createHash("sha256")
        .update(file.body as Uint8Array)
        .digest("hex");
    } finally {
      await c.call("image", "DELETE", `/v2/images/${imageId}`, { step: "delete readback image" });
    }
  }

  private async uploadImage(label: string, data: Uint8Array): Promise<string> {
    const c = this.res.target.member;
    const step = `upload image for ${label}`;
    const created = await c.call("image", "POST", "/v2/images", {
      step,
      body: { name: this.res.name(label), disk_format: "raw", container_format: "bare" },
    });
    if (created.status !== 201) throw new CloudError("http", c.cloud.name, `${step}: HTTP ${created.status}`, created.status, created.body);
    const id = (created.body as { id: string }).id;
    this.res.images.push(id);
    const put = await c.call("image", "PUT", `/v2/images/${id}/file`, { step, body: data });
    if (put.status !== 204) throw new CloudError("http", c.cloud.name, `${step}: upload HTTP ${put.status}`, put.status, put.body);
    return id;
  }
}

/** POST /volumes and wait for `available`; tracked for cleanup. */
export async function createVolume(res: Resources, label: string, sizeGiB: number, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await res.ok(`create volume ${label}`, "POST", "/volumes", { volume: { size: sizeGiB, name: res.name(label), ...extra } });
  const id = res.track("volumes", (r.body as { volume: { id: string } }).volume.id);
  const row = await res.waitFor("volumes", id, ["available", "error"]);
  if (row?.status !== "available") throw new CloudError("http", res.target.name, `volume ${label} (${id}) went to ${row?.status}`);
  return id;
}
