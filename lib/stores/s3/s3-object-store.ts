import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { Client, S3Error } from "minio";
import { ObjectNotFoundError, type ObjectStore } from "../contract/object-store.ts";
import { DEFAULT_MAX_OBJECT_BYTES, readBounded } from "../http/bounded-body.ts";
import { StoreAuthError, StoreIntegrityError } from "../contract/store-errors.ts";
import { checkContainerName, checkObjectName } from "../http/url-path.ts";

export interface S3StoreOptions {
  /** e.g. `http://127.0.0.1:7480` (Ceph RGW) or `https://s3.example.org`. */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region?: string;
  maxObjectBytes?: number;
}

const NOT_FOUND = new Set(["NoSuchKey", "NotFound", "NoSuchBucket"]);
const AUTH = new Set(["InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied"]);

/**
 * Buckets and objects on any S3 API (Ceph RGW here) with the `minio` client, path-style.
 * cinder itself has an S3 backup driver since 2023.1 (backup/drivers/s3.py); Zed does not.
 */
export class S3ObjectStore implements ObjectStore {
  readonly kind = "s3";
  private readonly client: Client;
  private readonly region: string;
  private readonly maxObjectBytes: number;

  constructor(options: S3StoreOptions) {
    const url = new URL(options.endpoint);
    this.region = options.region ?? "us-east-1";
    this.maxObjectBytes = options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      useSSL: url.protocol === "https:",
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: this.region,
      pathStyle: true,
    });
  }

  async ensureContainer(bucket: string): Promise<void> {
    checkContainerName(bucket);
    if (await this.call(() => this.client.bucketExists(bucket))) return;
    try {
      await this.call(() => this.client.makeBucket(bucket, this.region));
    } catch (error) {
      if (!(error instanceof S3Error && error.code === "BucketAlreadyOwnedByYou")) throw error;
    }
  }

  /** Single PUT (below minio's multipart threshold of 64 MiB) with the ETag checked as MD5. */
  async putObject(bucket: string, name: string, data: Uint8Array): Promise<void> {
    checkContainerName(bucket);
    checkObjectName(name);
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const info = await this.call(() =>
      this.client.putObject(bucket, name, buffer, buffer.byteLength, { "Content-Type": "application/octet-stream" }),
    );
    const md5 = createHash("md5").update(buffer).digest("hex");
    const etag = info.etag.replace(/"/g, "");
    if (!etag.includes("-") && etag !== md5) throw new StoreIntegrityError(bucket, name, md5, etag);
  }

  async getObject(bucket: string, name: string): Promise<Uint8Array> {
    const stream = await this.getObjectStream(bucket, name);
    const raw = (stream as Readable & { headers?: Record<string, string | undefined> }).headers?.["content-length"];
    const declared = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
    try {
      return await readBounded(stream, declared, this.maxObjectBytes, { container: bucket, objectName: name });
    } finally {
      stream.destroy();
    }
  }

  /** HEAD (statObject): the object's size without reading it. */
  async objectSize(bucket: string, name: string): Promise<number> {
    checkContainerName(bucket);
    checkObjectName(name);
    try {
      return (await this.call(() => this.client.statObject(bucket, name))).size;
    } catch (error) {
      if (error instanceof S3Error && NOT_FOUND.has(error.code ?? "")) throw new ObjectNotFoundError(bucket, name);
      throw error;
    }
  }

  async getObjectStream(bucket: string, name: string): Promise<Readable> {
    checkContainerName(bucket);
    checkObjectName(name);
    try {
      return await this.call(() => this.client.getObject(bucket, name));
    } catch (error) {
      if (error instanceof S3Error && NOT_FOUND.has(error.code ?? "")) throw new ObjectNotFoundError(bucket, name);
      throw error;
    }
  }

  async listObjects(bucket: string, prefix = ""): Promise<string[]> {
    checkContainerName(bucket);
    const names: string[] = [];
    try {
      for await (const item of this.client.listObjectsV2(bucket, prefix, true)) {
        if (item.name !== undefined) names.push(item.name);
      }
    } catch (error) {
      if (error instanceof S3Error && error.code === "NoSuchBucket") return [];
      throw this.translate(error);
    }
    return names.sort();
  }

  /** S3 DELETE of an absent key already succeeds; an absent bucket is tolerated too. */
  async deleteObject(bucket: string, name: string): Promise<void> {
    checkContainerName(bucket);
    checkObjectName(name);
    try {
      await this.call(() => this.client.removeObject(bucket, name));
    } catch (error) {
      if (!(error instanceof S3Error && error.code === "NoSuchBucket")) throw error;
    }
  }

  async listContainers(): Promise<string[]> {
    const buckets = await this.call(() => this.client.listBuckets());
    return buckets.map((b) => b.name).sort();
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    if (error instanceof S3Error && AUTH.has(error.code ?? "")) return new StoreAuthError("s3", `${error.code}: ${error.message}`);
    return error;
  }
}
