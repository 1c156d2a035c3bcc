import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SimulatedCloud, Topology } from "../../sim/cloud/simulated-cloud.ts";
import { startServe, type ServeDeps } from "./serve-main.ts";
import { fakeCloud } from "./testing/fake-cloud.ts";

function deps(seen: { topology?: Topology; crashes?: string; out: string[]; err: string[] }): ServeDeps {
  return {
    buildCloud: async (o) => {
      seen.topology = o.topology;
      return Object.assign(fakeCloud(), { seed: o.seed, release: o.release }) as unknown as SimulatedCloud;
    },
    restHandler: (_cloud, o) => ({ crashes: (seen.crashes = o.cinderCrashes), handle: async (req) => ({ status: 200, headers: {}, body: { path: req.path, base: req.baseUrl, body: req.body ?? null } }) }),
    out: (t) => seen.out.push(t),
    err: (t) => seen.err.push(t),
  };
}

describe("cbh serve wiring", () => {
  it("prints the auth URL, the seeded users and the ready line, and serves the REST handler at /volume", async () => {
    const seen: { crashes?: string; out: string[]; err: string[] } = { out: [], err: [] };
    const { server } = await startServe(["--port", "0", "--seed", "9", "--verbose", "--cinder-crashes", "faithful"], deps(seen));
    try {
      const text = seen.out.join("");
      expect(text).toContain(`auth URL       ${server.url}/identity/v3`);
      expect(text).toMatch(/admin +password admin +project admin .*roles admin,member,reader/);
      expect(text).toMatch(/demo +password demo +project demo .*roles member,reader/);
      expect(text).toContain("release zed, seed 9");
      expect(text.trimEnd().split("\n").at(-1)).toBe(`cbh serve: ready on ${server.url}`);
      const r = await fetch(`${server.url}/volume/`);
      expect(await r.json()).toEqual({ path: "/", base: `${server.url}/volume`, body: null });
      expect(seen.err.join("")).toContain("GET /volume/ → 200");
      expect(seen.crashes).toBe("faithful");
    } finally {
      await server.close();
    }
  });

  it("passes a --topology file to the cloud and refuses a malformed one with its line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-serve-"));
    writeFileSync(join(dir, "ok.yaml"), "zones:\n  - name: az9\n    volumeBackends: []\n    backupHosts: [{host: b9}]\n");
    writeFileSync(join(dir, "bad.yaml"), "zones:\n  - name: az9\n    volumeBackends: 3\n    backupHosts: []\n");
    const seen: { topology?: Topology; out: string[]; err: string[] } = { out: [], err: [] };
    const { server } = await startServe(["--port", "0", "--topology", join(dir, "ok.yaml")], deps(seen));
    await server.close();
    expect(seen.topology).toEqual({ zones: [{ name: "az9", volumeBackends: [], backupHosts: [{ host: "b9" }] }] });
    await expect(startServe(["--port", "0", "--topology", join(dir, "bad.yaml")], deps(seen))).rejects.toThrow(`${join(dir, "bad.yaml")}:3:21: zones.0.volumeBackends must be a list`);
  });
});
