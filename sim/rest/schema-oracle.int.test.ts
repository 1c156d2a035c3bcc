import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as att from "./attachments/attachment-schemas.ts";
import { backupSchemas } from "./backups/index.ts";
import { HttpFault } from "./faults.ts";
import { FORMATS } from "./formats.ts";
import { type Schema, Validator } from "./json-schema.ts";
import { numberLiterals } from "./number-literals.ts";
import { schemaFault } from "./schema-fault.ts";
import * as snap from "./snapshots/snapshot-schemas.ts";
import { metadataCreate, metadataUpdate } from "./volumes/volume-metadata.ts";
import * as vol from "./volumes/volume-schemas.ts";

/**
 * Differential test of the validation messages against cinder itself: random bodies for every
 * body schema are validated here and by cinder 21.3.1's own schema modules under jsonschema 4.10
 * (Debian 12 packages fetched with `apt-get download`, unpacked, not installed), and every
 * message must be identical (testing/cinder-schema-oracle.py).
 */
const SCHEMAS: Record<string, [Schema, string, string[]]> = {
  "backup.create": [
    backupSchemas.create,
    "backup",
    ["volume_id", "container", "name", "description", "incremental", "force", "snapshot_id", "metadata", "availability_zone"],
  ],
  "backup.createV343": [
    backupSchemas.createV343,
    "backup",
    ["volume_id", "name", "description", "incremental", "force", "snapshot_id", "metadata", "availability_zone"],
  ],
  "backup.createV351": [
    backupSchemas.createV351,
    "backup",
    ["volume_id", "container", "incremental", "snapshot_id", "metadata", "availability_zone"],
  ],
  "backup.update": [backupSchemas.update, "backup", ["name", "description", "metadata"]],
  "backup.updateV343": [backupSchemas.updateV343, "backup", ["name", "description", "metadata"]],
  "backup.restore": [backupSchemas.restore, "restore", ["volume_id", "name"]],
  "backup.importRecord": [backupSchemas.importRecord, "backup-record", ["backup_service", "backup_url"]],
  "backup.resetStatus": [backupSchemas.resetStatus, "os-reset_status", ["status"]],
  "volume.create": [
    vol.create,
    "volume",
    [
      "size",
      "name",
      "description",
      "display_name",
      "volume_type",
      "metadata",
      "snapshot_id",
      "multiattach",
      "availability_zone",
      "imageRef",
    ],
  ],
  "volume.createV313": [vol.createV313, "volume", ["size", "group_id", "backup_id", "source_volid"]],
  "volume.createV347": [vol.createV347, "volume", ["size", "backup_id", "consistencygroup_id"]],
  "volume.createV353": [vol.createV353, "volume", ["size", "name", "backup_id", "metadata"]],
  "volume.update": [vol.update, "volume", ["name", "description", "metadata"]],
  "volume.updateV353": [vol.updateV353, "volume", ["name", "display_description", "metadata"]],
  "volume.resetStatus": [vol.resetStatus, "os-reset_status", ["status", "attach_status", "migration_status"]],
  "volume.attach": [vol.attach, "os-attach", ["mountpoint", "instance_uuid", "host_name", "mode"]],
  "volume.detach": [vol.detach, "os-detach", ["attachment_id"]],
  "volume.extend": [vol.extend, "os-extend", ["new_size"]],
  "volume.retype": [vol.retype, "os-retype", ["new_type", "migration_policy"]],
  "snapshot.create": [snap.create, "snapshot", ["volume_id", "name", "display_name", "description", "force", "metadata"]],
  "snapshot.resetStatus": [snap.resetStatus, "os-reset_status", ["status"]],
  "attachment.create": [att.create, "attachment", ["volume_uuid", "instance_uuid", "connector", "mode"]],
  "attachment.createV354": [att.createV354, "attachment", ["volume_uuid", "instance_uuid", "connector", "mode"]],
  "volumeMetadata.create": [metadataCreate, "metadata", ["a", "b c", "x".repeat(256), ""]],
  "volumeMetadata.update": [metadataUpdate, "meta", ["a", "b", "bad!"]],
};

/** Unpacks Debian's python3-cinder and jsonschema (with its dependencies) once per machine. */
function debianPackages(): string {
  const dir = join(tmpdir(), "cbh-cinder-schema-oracle");
  const dist = join(dir, "root", "usr", "lib", "python3", "dist-packages");
  if (existsSync(join(dist, "cinder", "api", "schemas", "backups.py")) && existsSync(join(dist, "jsonschema"))) return dist;
  mkdirSync(dir, { recursive: true });
  execFileSync("apt-get", ["download", "python3-cinder", "python3-jsonschema", "python3-pyrsistent", "python3-attr"], {
    cwd: dir,
    stdio: "ignore",
  });
  for (const deb of readdirSync(dir).filter((f) => f.endsWith(".deb"))) execFileSync("dpkg", ["-x", join(dir, deb), join(dir, "root")]);
  return dist;
}

function cases(seed: number): string[] {
  const validator = new Validator(FORMATS);
  const value: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(
      "00000000-0000-4000-8000-000000000001",
      "{12345678123456781234567812345678}",
      "urn:uuid:12345678-1234-1234-1234-123456789012",
      "nope",
      "",
      " ",
      "x".repeat(256),
      " y ".repeat(90),
      "true",
      "False",
      "on",
      "maybe",
      "ERROR",
      "available",
      "in-use",
      "attached",
      "bogus",
      "rw",
      "ro",
      "5",
      "0",
      "-1",
      "1.5",
      "YWJj",
      "abc",
      "ab=",
      "ñ",
      "tab\t",
      "bell\u0007",
      "new\n",
      0,
      1,
      2,
      -3,
      1.5,
      7,
      true,
      false,
      null,
      [],
      {},
      [1, "a"],
      { k: "v" },
      { "bad key!": "v" },
      { k: 5 },
      { ["a".repeat(256)]: "v" },
    ),
    fc.string({ maxLength: 8 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const cases: string[] = [];
  for (const [name, [schema, key, fields]] of Object.entries(SCHEMAS)) {
    const inner = fc.oneof(fc.dictionary(fc.constantFrom(...fields, "color", "type"), value, { maxKeys: 4 }), value);
    const body = fc.oneof(
      { arbitrary: inner.map((i) => ({ [key]: i })), weight: 6 },
      { arbitrary: fc.record({ [key]: inner, extra: value }, { requiredKeys: [] }), weight: 1 },
      { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
    );
    for (const b of fc.sample(
      body.map((x) => JSON.stringify(x)),
      { numRuns: 1500, seed },
    )) {
      const parsed = JSON.parse(b) as unknown;
      let mine: string | null = null;
      try {
        const err = validator.firstError(parsed, schema, numberLiterals(b));
        if (err) {
          const f = schemaFault(err);
          mine = f.status === 500 ? "500" : f.message;
        }
      } catch (e) {
        if (e instanceof HttpFault && e.status === 500) mine = "500";
        else throw e;
      }
      cases.push(JSON.stringify({ schema: name, body: b, mine }));
    }
  }
  return cases;
}

describe("schema messages match cinder's own validator", () => {
  it.each([7, 8])("random bodies for every schema (seed %i)", { timeout: 300_000 }, (seed) => {
    const dist = debianPackages();
    const file = join(tmpdir(), `cbh-schema-cases-${seed}.jsonl`);
    writeFileSync(file, cases(seed).join("\n") + "\n");
    const out = execFileSync("/usr/bin/python3", [join(import.meta.dirname, "testing", "cinder-schema-oracle.py"), file, dist], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const result = JSON.parse(out.trim().split("\n").pop() as string) as { cases: number; differences: number };
    expect(result.cases).toBe(37500);
    expect(result.differences).toBe(0);
  });
});
