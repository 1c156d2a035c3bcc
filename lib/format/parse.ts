import { FormatError, type FormatErrorCode } from "./format-error.ts";
import { DEFAULT_LIMITS, type FormatLimits } from "./limits.ts";
import { DRIVER_VERSION, type BackupMetadata, type ObjectEntry, type Sha256File } from "./metadata.ts";
import { compressionFamily } from "./compression.ts";
import type { PyJson } from "./python-json.ts";

/**
 * Readers of `_metadata` / `_sha256file` (`chunkeddriver.py:_read_metadata`, `_read_sha256file`:
 * `json.loads(bytes.decode('utf-8'))`), with the schema cinder's restore relies on checked up front.
 * Anything wrong is a FormatError (`too-large`, `bad-json`, `bad-metadata`/`bad-sha256file`,
 * `unsupported-version`); nothing else escapes.
 */
const HEX_MD5 = /^[0-9a-f]{32}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export function parseMetadata(bytes: Uint8Array, limits: FormatLimits = DEFAULT_LIMITS): BackupMetadata {
  const doc = parseJsonObject(bytes, limits.maxMetadataBytes, "bad-metadata", "_metadata");
  return guard("bad-metadata", () => {
    checkVersion(doc);
    const header = readHeader(doc, "bad-metadata");
    const rawObjects = doc["objects"];
    if (!Array.isArray(rawObjects)) fail("bad-metadata", "objects must be a list");
    if (rawObjects.length > limits.maxObjects) fail("too-large", `objects has ${rawObjects.length} entries (limit ${limits.maxObjects})`);
    const objects = rawObjects.map((o, i) => readObject(o, i, limits));
    checkNoOverlap(objects);
    const meta: BackupMetadata = {
      ...header,
      version: DRIVER_VERSION,
      objects,
      parent_id: optString(doc, "parent_id", "bad-metadata"),
      volume_meta: optString(doc, "volume_meta", "bad-metadata"),
    };
    if ("extra_metadata" in doc) meta.extra_metadata = doc["extra_metadata"] as PyJson;
    return meta;
  });
}

export function parseSha256File(bytes: Uint8Array, limits: FormatLimits = DEFAULT_LIMITS): Sha256File {
  const doc = parseJsonObject(bytes, limits.maxSha256FileBytes, "bad-sha256file", "_sha256file");
  return guard("bad-sha256file", () => {
    checkVersion(doc);
    const header = readHeader(doc, "bad-sha256file");
    const chunk = doc["chunk_size"];
    if (!isNonNegInt(chunk) || chunk === 0) fail("bad-sha256file", "chunk_size must be a positive integer");
    const list = doc["sha256s"];
    if (!Array.isArray(list)) fail("bad-sha256file", "sha256s must be a list");
    if (list.length > limits.maxShaEntries) fail("too-large", `sha256s has ${list.length} entries (limit ${limits.maxShaEntries})`);
    list.forEach((s, i) => {
      if (typeof s !== "string" || !HEX_SHA256.test(s)) fail("bad-sha256file", `sha256s[${i}] is not a hex sha256`);
    });
    return { ...header, version: DRIVER_VERSION, chunk_size: chunk, sha256s: list as string[] };
  });
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function parseJsonObject(bytes: Uint8Array, maxBytes: number, code: FormatErrorCode, what: string): Record<string, unknown> {
  if (!(bytes instanceof Uint8Array)) fail(code, `${what} is not bytes`);
  if (bytes.length > maxBytes) fail("too-large", `${what} is ${bytes.length} bytes (limit ${maxBytes})`);
  let text: string;
  let doc: unknown;
  try {
    text = decoder.decode(bytes);
  } catch {
    fail("bad-json", `${what} is not UTF-8`);
  }
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail("bad-json", `${what} is not JSON: ${(e as Error).message}`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) fail(code, `${what} is not a JSON object`);
  return doc as Record<string, unknown>;
}

/** `restore`: `DRIVER_VERSION_MAPPING.get(metadata['version'])` → else "No support to restore backup version %s". */
function checkVersion(doc: Record<string, unknown>): void {
  if (!("version" in doc)) fail("bad-metadata", "missing key 'version'");
  const v = doc["version"];
  if (v !== DRIVER_VERSION) fail("unsupported-version", `No support to restore backup version ${pyStrOf(v)}`);
}

function readHeader(
  doc: Record<string, unknown>,
  code: FormatErrorCode,
): Omit<BackupMetadata, "version" | "objects" | "parent_id" | "volume_meta"> {
  return {
    backup_id: reqString(doc, "backup_id", code),
    volume_id: reqString(doc, "volume_id", code),
    backup_name: optString(doc, "backup_name", code),
    backup_description: optString(doc, "backup_description", code),
    created_at: reqString(doc, "created_at", code),
  };
}

function readObject(o: unknown, i: number, limits: FormatLimits): ObjectEntry {
  if (o === null || typeof o !== "object" || Array.isArray(o)) fail("bad-metadata", `objects[${i}] is not a dict`);
  const keys = Object.keys(o);
  if (keys.length !== 1) fail("bad-metadata", `objects[${i}] must have exactly one key`);
  const name = keys[0] as string;
  checkObjectName(name, i);
  const v = (o as Record<string, unknown>)[name];
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail("bad-metadata", `objects[${i}] value is not a dict`);
  const f = v as Record<string, unknown>;
  const { offset, length, compression, md5 } = f;
  if (!isNonNegInt(offset)) fail("bad-metadata", `objects[${i}].offset must be a non-negative integer`);
  if (!isNonNegInt(length)) fail("bad-metadata", `objects[${i}].length must be a non-negative integer`);
  if (length > limits.maxObjectBytes) fail("too-large", `objects[${i}].length ${length} exceeds ${limits.maxObjectBytes}`);
  if (offset + length > Number.MAX_SAFE_INTEGER) fail("bad-metadata", `objects[${i}] ends past 2^53`);
  if (typeof compression !== "string") fail("bad-metadata", `objects[${i}].compression must be a string`);
  compressionFamily(compression);
  if (typeof md5 !== "string" || !HEX_MD5.test(md5)) fail("bad-metadata", `objects[${i}].md5 is not a hex md5`);
  return { name, offset, length, compression, md5 };
}

/** Object names are used as store keys: no traversal, no absolute paths, no control characters. */
export function checkObjectName(name: string, i = 0): void {
  const bad =
    name.length === 0 ||
    name.length > 1024 ||
    name.startsWith("/") ||
    /[\x00-\x1f\\]/.test(name) ||
    name.split("/").some((seg) => seg === ".." || seg === "." || seg === "");
  if (bad) fail("bad-name", `objects[${i}] has an unsafe name ${JSON.stringify(name.slice(0, 80))}`);
}

function checkNoOverlap(objects: ObjectEntry[]): void {
  const sorted = objects.map((o, i) => [o.offset, o.offset + o.length, i] as const).sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1] as readonly [number, number, number];
    const cur = sorted[k] as readonly [number, number, number];
    if (cur[0] < prev[1]) fail("bad-metadata", `objects[${cur[2]}] overlaps objects[${prev[2]}]`);
  }
  const names = new Set(objects.map((o) => o.name));
  if (names.size !== objects.length) fail("bad-metadata", "objects lists a name twice");
}

function reqString(doc: Record<string, unknown>, key: string, code: FormatErrorCode): string {
  const v = doc[key];
  if (typeof v !== "string") fail(code, `${key} must be a string`);
  return v;
}

function optString(doc: Record<string, unknown>, key: string, code: FormatErrorCode): string | null {
  if (!(key in doc)) fail(code, `missing key '${key}'`);
  const v = doc[key];
  if (v !== null && typeof v !== "string") fail(code, `${key} must be a string or null`);
  return v;
}

function isNonNegInt(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function pyStrOf(v: unknown): string {
  if (typeof v === "string") return v.slice(0, 200);
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return "?";
  }
}

function fail(code: FormatErrorCode, message: string): never {
  throw new FormatError(code, message);
}

function guard<T>(code: FormatErrorCode, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(code, `unreadable: ${(e as Error)?.message ?? String(e)}`);
  }
}
