import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixturePattern } from "./byte-patterns.ts";
import { md5Hex, shaBlocks } from "./hashing.ts";
import { serializeMetadata, serializeSha256File, type BackupMetadata } from "./metadata.ts";
import { parseMetadata, parseSha256File } from "./parse.ts";
import { PyFloat, pythonJsonDumps } from "./python-json.ts";

// Fixtures written by CPython 3.11 `json.dumps(..., sort_keys=True, indent=2)` exactly as
// chunkeddriver.py:_write_metadata / _write_sha256file do, with the values of backends.md's verbatim
// Swift example (plus non-ASCII text, floats in volume_meta, a short last sha block).
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const PREFIX = "volume_c7c85555-e1b1-424d-90ff-7b0afc39422c/20261126035134/az_nova_backup_c1e70764-a499-4bc5-a222-9319f693ad75";

function exampleMetadata(): BackupMetadata {
  const data = fixturePattern(100 * 1024 + 5);
  const seg = data.subarray(32768, 98304);
  const volumeMeta = pythonJsonDumps({
    version: 2,
    "volume-base-metadata": {
      id: "c7c85555-e1b1-424d-90ff-7b0afc39422c",
      size: 1,
      display_name: "probe-volume",
      float: 1.5,
      big: new PyFloat(1e16),
      small: 1e-5,
    },
    "volume-metadata": { probe: "yes", kéy: "☃ 😀" },
  });
  return {
    version: "1.0.0",
    backup_id: "c1e70764-a499-4bc5-a222-9319f693ad75",
    volume_id: "c7c85555-e1b1-424d-90ff-7b0afc39422c",
    backup_name: "probe-incr",
    backup_description: 'cinder_driver_probe incr backup é\t"q"',
    created_at: "2026-11-26 03:51:34.235833+00:00",
    objects: [{ name: `${PREFIX}-00001`, offset: 32768, length: seg.length, compression: "none", md5: md5Hex(seg) }],
    parent_id: "b4547d86-5f59-463c-bc3d-2238028d49bd",
    volume_meta: volumeMeta,
  };
}

describe("_metadata and _sha256file bytes", () => {
  it("serializeMetadata equals cinder's bytes", () => {
    expect(Buffer.from(serializeMetadata(exampleMetadata())).toString("latin1")).toBe(fixture("incr_metadata.json").toString("latin1"));
  });

  it("empty object list and null name / volume_meta", () => {
    const m = { ...exampleMetadata(), objects: [], volume_meta: null, backup_name: null };
    expect(Buffer.from(serializeMetadata(m)).equals(fixture("empty_objects_metadata.json"))).toBe(true);
  });

  it("serializeSha256File equals cinder's bytes (last block short)", () => {
    const m = exampleMetadata();
    const bytes = serializeSha256File({ ...m, chunk_size: 32768, sha256s: shaBlocks(fixturePattern(100 * 1024 + 5), 32768) });
    expect(Buffer.from(bytes).equals(fixture("incr_sha256file.json"))).toBe(true);
  });

  it("parsers read the fixtures back", () => {
    const m = parseMetadata(fixture("incr_metadata.json"));
    expect(m).toEqual(exampleMetadata());
    const s = parseSha256File(fixture("incr_sha256file.json"));
    expect(s.chunk_size).toBe(32768);
    expect(s.sha256s).toHaveLength(4);
  });
});
