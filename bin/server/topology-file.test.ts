import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTopologyFile, parseTopology } from "./topology-file.ts";

const GOOD = `zones:
  - name: az1
    volumeBackends:
      - { host: volume-az1, backend: lvm, driver: lvm }
    backupHosts:
      - host: backup-az1
        workers: 2
schedulerHost: scheduler
`;

describe("--topology FILE", () => {
  it("reads YAML and JSON into the Topology shape", () => {
    const want = {
      zones: [
        {
          name: "az1",
          volumeBackends: [{ host: "volume-az1", backend: "lvm", driver: "lvm" }],
          backupHosts: [{ host: "backup-az1", workers: 2 }],
        },
      ],
      schedulerHost: "scheduler",
    };
    expect(parseTopology(GOOD, "t.yaml")).toEqual(want);
    expect(parseTopology(JSON.stringify(want), "t.json")).toEqual(want);
  });

  it.each([
    ["a YAML syntax error", "zones:\n  - name: az1\n    volumeBackends: [\n", /^t\.yaml:4:1: /],
    [
      "a wrong type, at the value's line",
      GOOD.replace("workers: 2", "workers: lots"),
      /^t\.yaml:7:18: zones\.0\.backupHosts\.0\.workers must be an integer/,
    ],
    [
      "an unknown key",
      GOOD.replace("schedulerHost", "schedulerHots"),
      /^t\.yaml:8:16: topology has a key that is not one of zones, schedulerHost, apiHost$/,
    ],
    ["a missing key", "zones:\n  - name: az1\n    backupHosts: []\n", /^t\.yaml:2:5: zones\.0 is missing 'volumeBackends'/],
    ["a bad driver", GOOD.replace("driver: lvm", "driver: nfs"), /^t\.yaml:4:51: .*driver must be lvm or rbd/],
    [
      "a duplicate zone",
      `zones:\n  - {name: a, volumeBackends: [], backupHosts: []}\n  - {name: a, volumeBackends: [], backupHosts: []}\n`,
      /^t\.yaml:3:12: zones\.1\.name repeats the name of zones\.0$/,
    ],
    ["no zones", "zones: []\n", /^t\.yaml:1:8: zones must be a list of 1 to 64/],
    ["a scalar document", "42\n", /^t\.yaml:1:1: topology must be a mapping/],
  ])("rejects %s with file and line", (_what, text, message) => {
    expect(() => parseTopology(text, "t.yaml")).toThrow(message);
  });

  it.each([
    ["a shadow file", "root:$6$SeCrEtHaSh:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"],
    ["an unknown nested key", "zones:\n  - name: a\n    volumeBackends: []\n    backupHosts: []\n    SeCrEtHaSh: 1\n"],
    ["a syntax error after a secret", "SeCrEtHaSh line\n  bad: [x\n"],
    ["an unresolved tag", "zones: !SeCrEtHaSh x\n"],
    ["a directive", "%SeCrEtHaSh\n---\nzones: []\n"],
    ["a duplicate key", "SeCrEtHaSh: 1\nSeCrEtHaSh: 2\n"],
  ])("never echoes the file's contents: %s", (_what, text) => {
    let message = "";
    try {
      parseTopology(text, "t.yaml");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^t\.yaml:\d+:\d+: /);
    expect(message).not.toMatch(/SeCrEt|root|daemon|19000/);
  });

  it("names the file when it cannot be read", () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-topo-"));
    expect(() => loadTopologyFile(join(dir, "missing.yaml"))).toThrow(/missing\.yaml: cannot read the topology file \(ENOENT\)/);
    writeFileSync(join(dir, "ok.yaml"), GOOD);
    expect(loadTopologyFile(join(dir, "ok.yaml")).zones).toHaveLength(1);
  });

  it("refuses a directory or a device (/dev/zero would be read forever), naming it", () => {
    expect(() => loadTopologyFile(tmpdir())).toThrow(`${tmpdir()}: the topology file is not a regular file`);
    expect(() => loadTopologyFile("/dev/zero")).toThrow("/dev/zero: the topology file is not a regular file");
  });
});
